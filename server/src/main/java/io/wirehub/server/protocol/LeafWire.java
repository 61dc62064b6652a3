package io.wirehub.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaf-node ops (nats-server leafnode.go): interest as {@code LS+}/{@code LS-}, messages as
 * {@code LMSG}/{@code HMSG}. Text in, text out; no I/O.
 *
 * <pre>
 * LS+ subject [queue weight]          LS- subject [queue]
 * LMSG subject [reply] size           LMSG subject + reply q1 [q2...] size      LMSG subject | q1 [q2...] size
 * HMSG subject [reply] hdr total      (and the same '+' and '|' forms)
 * </pre>
 */
public final class LeafWire {
    public static final String LOOP_DETECTION_PREFIX = "$LDS.";

    private LeafWire() {
    }

    /** {@code LS+ subject\r\n} or {@code LS+ subject queue weight\r\n}. */
    public static byte[] subscribe(String subject, String queue, int weight) {
        String line = queue == null ? "LS+ " + subject + "\r\n" : "LS+ " + subject + " " + queue + " " + weight + "\r\n";
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code LS- subject\r\n} or {@code LS- subject queue\r\n}. */
    public static byte[] unsubscribe(String subject, String queue) {
        String line = queue == null ? "LS- " + subject + "\r\n" : "LS- " + subject + " " + queue + "\r\n";
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The control line of a message to the other side.
     *
     * @param reply        null for none
     * @param queues       queue groups the receiver must deliver to (empty: none)
     * @param headerLength -1 for LMSG (no headers); otherwise HMSG with this header size
     */
    public static byte[] messageLine(String subject, String reply, List<String> queues, int headerLength,
                                     int totalLength) {
        StringBuilder line = new StringBuilder(subject.length() + 32);
        line.append(headerLength >= 0 ? "HMSG " : "LMSG ").append(subject);
        if (!queues.isEmpty()) {
            line.append(reply != null ? " + " + reply : " |");
            for (String queue : queues) {
                line.append(' ').append(queue);
            }
        } else if (reply != null) {
            line.append(' ').append(reply);
        }
        if (headerLength >= 0) {
            line.append(' ').append(headerLength);
        }
        line.append(' ').append(totalLength).append("\r\n");
        return line.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The most bytes {@link #writeMessageLine} writes for these lengths: the op, the subject, the
     * reply (-1 for none) and queues with their separators, two sizes of up to ten digits, CR LF.
     */
    public static int messageLineBound(int subjectLength, int replyLength, List<String> queues) {
        int size = 5 + subjectLength + Math.max(replyLength, 0) + 3 + 2 * 11 + 2;
        for (int i = 0, n = queues.size(); i < n; i++) {
            size += 1 + queues.get(i).length();
        }
        return size;
    }

    /**
     * Writes the bytes {@link #messageLine} makes, taking the subject and reply as slices of
     * {@code source} (a message's control line): no String on the way. {@code target} must have
     * {@link #messageLineBound} bytes free from {@code position}.
     *
     * @param replyLength -1 for no reply
     * @return the position after the line's CR LF
     */
    public static int writeMessageLine(byte[] target, int position, byte[] source, int subjectOffset,
                                       int subjectLength, int replyOffset, int replyLength, List<String> queues,
                                       int headerLength, int totalLength) {
        int at = position;
        target[at++] = headerLength >= 0 ? (byte) 'H' : (byte) 'L';
        target[at++] = 'M';
        target[at++] = 'S';
        target[at++] = 'G';
        target[at++] = ' ';
        System.arraycopy(source, subjectOffset, target, at, subjectLength);
        at += subjectLength;
        int queueCount = queues.size();
        if (queueCount > 0) {
            target[at++] = ' ';
            if (replyLength >= 0) {
                target[at++] = '+';
                target[at++] = ' ';
                System.arraycopy(source, replyOffset, target, at, replyLength);
                at += replyLength;
            } else {
                target[at++] = '|';
            }
            for (int i = 0; i < queueCount; i++) {
                target[at++] = ' ';
                at = writeLatin1(target, at, queues.get(i));
            }
        } else if (replyLength >= 0) {
            target[at++] = ' ';
            System.arraycopy(source, replyOffset, target, at, replyLength);
            at += replyLength;
        }
        if (headerLength >= 0) {
            target[at++] = ' ';
            at = writeDecimal(target, at, headerLength);
        }
        target[at++] = ' ';
        at = writeDecimal(target, at, totalLength);
        target[at++] = '\r';
        target[at++] = '\n';
        return at;
    }

    /** As {@code String.getBytes(ISO_8859_1)}: a char past 0xFF becomes '?'. */
    private static int writeLatin1(byte[] target, int at, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            target[at++] = c > 0xff ? (byte) '?' : (byte) c;
        }
        return at;
    }

    private static int writeDecimal(byte[] target, int at, int value) {
        if (value < 0) {
            target[at++] = '-';
            value = -value; // sizes are never negative; Integer.MIN_VALUE cannot occur
        }
        int digits = 1;
        for (int rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            target[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /** An {@code LS+}/{@code LS-} argument list: subject, and queue (null for plain) with its weight. */
    public record Interest(String subject, String queue, int weight) {
    }

    /**
     * Reads the arguments of {@code LS+} or {@code LS-}.
     *
     * @throws IllegalArgumentException for a wrong number of arguments or a bad weight
     */
    public static Interest interest(String arguments, boolean add) {
        String[] parts = split(arguments);
        if (parts.length == 1) {
            return new Interest(parts[0], null, 0);
        }
        if (add && parts.length == 3) {
            try {
                return new Interest(parts[0], parts[1], Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("processLeafSub Parse Error: '" + arguments + "'");
            }
        }
        if (!add && parts.length == 2) {
            return new Interest(parts[0], parts[1], 0);
        }
        throw new IllegalArgumentException((add ? "processLeafSub" : "processLeafUnsub") + " Parse Error: '" + arguments + "'");
    }

    /** An {@code LMSG}/{@code HMSG} argument list; headerLength is -1 for LMSG. */
    public record MessageArgs(String subject, String reply, List<String> queues, int headerLength, int totalLength) {
    }

    /**
     * Reads the arguments of {@code LMSG} ({@code headers} false) or {@code HMSG}.
     *
     * @throws IllegalArgumentException when they do not parse
     */
    public static MessageArgs message(String arguments, boolean headers) {
        String[] parts = split(arguments);
        int sizes = headers ? 2 : 1;
        if (parts.length < 1 + sizes) {
            throw new IllegalArgumentException("processLeafMsgArgs Parse Error: '" + arguments + "'");
        }
        int end = parts.length - sizes;
        String reply = null;
        List<String> queues = List.of();
        if (end > 1) {
            String marker = parts[1];
            if (marker.equals("+") || marker.equals("|")) {
                int first = 2;
                if (marker.equals("+")) {
                    if (end < 3) {
                        throw new IllegalArgumentException("processLeafMsgArgs Parse Error: '" + arguments + "'");
                    }
                    reply = parts[2];
                    first = 3;
                }
                queues = new ArrayList<>(List.of(parts).subList(first, end));
            } else if (end == 2) {
                reply = marker;
            } else {
                throw new IllegalArgumentException("processLeafMsgArgs Parse Error: '" + arguments + "'");
            }
        }
        try {
            int headerLength = headers ? Integer.parseInt(parts[end]) : -1;
            int total = Integer.parseInt(parts[parts.length - 1]);
            if (total < 0 || headerLength > total) {
                throw new IllegalArgumentException("processLeafMsgArgs Bad or Missing Size: '" + arguments + "'");
            }
            return new MessageArgs(parts[0], reply, queues, headerLength, total);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("processLeafMsgArgs Bad or Missing Size: '" + arguments + "'");
        }
    }

    private static String[] split(String arguments) {
        String trimmed = arguments.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
    }
}
