package io.wirehub.server.jetstream.api;

/**
 * What an account holds in JetStream right now, as its streams report it; account info shows it.
 * Until streams exist every figure is zero ({@link #NONE}).
 */
public interface JsAccountUsage {
    JsAccountUsage NONE = new JsAccountUsage() {
    };

    default long memoryBytes() {
        return 0;
    }

    default long storageBytes() {
        return 0;
    }

    /** Bytes reserved by memory streams' {@code max_bytes}. */
    default long reservedMemory() {
        return 0;
    }

    /** Bytes reserved by file streams' {@code max_bytes}. */
    default long reservedStorage() {
        return 0;
    }

    default int streams() {
        return 0;
    }

    default int consumers() {
        return 0;
    }

    /** The account's stream of this name, for mirror and source checks; null when none. */
    default StreamConfig stream(String name) {
        return null;
    }
}
