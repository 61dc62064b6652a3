package io.wirehub.bench;

/** Payload sizes as people say them. */
final class Sizes {
    private Sizes() {
    }

    static String label(int bytes) {
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KiB";
        }
        return bytes + " B";
    }
}
