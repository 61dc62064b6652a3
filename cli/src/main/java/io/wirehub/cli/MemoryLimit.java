package io.wirehub.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve --memory-limit SIZE}, or WIREHUB_MEMORY_LIMIT, or GOMEMLIMIT (nats-server's habit):
 * the memory the server may take, heap and the JVM's other pools together. The launcher
 * (scripts/memory-options.sh) reads the same words and sizes the JVM before it starts; the server
 * reads them too, to report the limit in /varz and to warn when the JVM was not sized for it (a
 * {@code java -jar} start). The grammar and the messages are the launcher's.
 */
final class MemoryLimit {
    /** The smallest limit the server runs in. */
    static final long MINIMUM = 64L << 20;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})(B|KiB|k|K|kb|KB|MiB|m|M|mb|MB|GiB|g|G|gb|GB|TiB|t|T|tb|TB)?");

    private MemoryLimit() {
    }

    /** The limit the flag (or else the environment) gives, in bytes; 0 for none. */
    static long of(String flag, Map<String, String> environment) {
        String text = flag;
        if (text == null) {
            text = environment.get("WIREHUB_MEMORY_LIMIT");
        }
        if (text == null || text.isEmpty()) {
            text = environment.get("GOMEMLIMIT");
        }
        if (text == null || text.isEmpty() || text.equals("off")) {
            return 0;
        }
        return parse(text);
    }

    /** Bytes, rounded down to whole MiB as the launcher sizes the JVM in MiB. */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw notASize(text);
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit.toUpperCase(Locale.ROOT).charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        if (shift >= 30 && m.group(1).length() > 10) {
            throw notASize(text);
        }
        long mib = shift >= 20 ? Long.parseLong(m.group(1)) << (shift - 20) : Long.parseLong(m.group(1)) >> (20 - shift);
        if (mib < MINIMUM >> 20) {
            throw new UserFacingException("memory limit \"" + text + "\" is too small to run the server: give at least 64MiB");
        }
        return mib << 20;
    }

    private static UserFacingException notASize(String text) {
        return new UserFacingException("memory limit \"" + text
                + "\" is not a size: give bytes or a size such as 512MiB or 2GiB");
    }

    /** Whether this JVM's heap was sized for the limit (the launcher gives the heap 70% of it). */
    static boolean jvmSizedFor(long limit, long maxHeap) {
        return maxHeap <= limit;
    }
}
