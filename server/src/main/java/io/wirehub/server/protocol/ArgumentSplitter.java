package io.wirehub.server.protocol;

/**
 * Splits a control line's arguments on runs of spaces and tabs (and, for SUB and UNSUB, CR and LF,
 * as nats-server does), recording where each argument lies. Reused for every line: no allocation.
 */
final class ArgumentSplitter {
    private final int[] offsets = new int[5];
    private final int[] lengths = new int[5];

    /**
     * @param crLfSeparate also treat CR and LF as separators
     * @param max          the most arguments the op takes; counting stops one past it
     * @return the number of arguments, or {@code max + 1} when there are more than {@code max}
     */
    int split(byte[] line, int from, int to, boolean crLfSeparate, int max) {
        int count = 0;
        int start = -1;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            boolean separator = b == ' ' || b == '\t' || (crLfSeparate && (b == '\r' || b == '\n'));
            if (separator) {
                if (start >= 0) {
                    if (count == max) {
                        return max + 1;
                    }
                    offsets[count] = start;
                    lengths[count++] = i - start;
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            if (count == max) {
                return max + 1;
            }
            offsets[count] = start;
            lengths[count++] = to - start;
        }
        return count;
    }

    int offset(int index) {
        return offsets[index];
    }

    int length(int index) {
        return lengths[index];
    }
}
