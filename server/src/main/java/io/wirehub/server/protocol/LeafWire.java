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
