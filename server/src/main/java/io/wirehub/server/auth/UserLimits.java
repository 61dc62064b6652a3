package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits a user JWT (or a scoped signing key's template) sets on its connections: where from
 * ({@code src}), when ({@code times} in {@code times_location}), and how much ({@code subs},
 * {@code payload}). Read and applied as nats-server 2.10 does (jwt.go validateSrc/validateTimes,
 * client.go applyAccountLimits), including its edges, so a user refused there is refused here.
 *
 * @param src     CIDR blocks the client must connect from; empty for anywhere
 * @param times   daily windows the client may connect in; empty for any time
 * @param locale  the IANA zone the windows are in; empty for the server's own zone
 * @param subs    subscriptions a connection may hold; -1 for no limit (an absent field is 0, as in Go)
 * @param payload largest message a connection may publish; -1 for no limit (absent: 0, as in Go)
 */
public record UserLimits(List<String> src, List<TimeRange> times, String locale, long subs, long payload) {
    public static final long NO_LIMIT = -1;
    /** For users that are not JWT users: nothing restricted. */
    public static final UserLimits NONE = new UserLimits(List.of(), List.of(), "", NO_LIMIT, NO_LIMIT);

    /** Go's "15:04:05" layout: the hour may have one digit, minutes and seconds have two. */
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})");

    /** One {@code {"start":"HH:MM:SS","end":"HH:MM:SS"}} window; an end before the start ends the next day. */
    public record TimeRange(String start, String end) {
    }

    /** Reads the limits from a user JWT's {@code nats} object or a scope's {@code template}. */
    static UserLimits of(JsonNode node) {
        List<TimeRange> times = new ArrayList<>();
        for (JsonNode range : node.path("times")) {
            times.add(new TimeRange(range.path("start").asText(""), range.path("end").asText("")));
        }
        return new UserLimits(List.copyOf(sources(node.path("src"))), List.copyOf(times),
                node.path("times_location").asText(""), node.path("subs").asLong(0), node.path("payload").asLong(0));
    }

    /** nats-io/jwt's CIDRList: an array, or (older JWTs) one comma-separated string. */
    private static List<String> sources(JsonNode src) {
        List<String> out = new ArrayList<>();
        if (src.isTextual()) {
            for (String part : src.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else {
            src.forEach(n -> out.add(n.asText().trim()));
        }
        return out;
    }

    /**
     * Whether a client at this address may connect. As nats-server: no address (a Unix socket)
     * never matches a list, and one unparsable block refuses, whatever the blocks after it say.
     */
    public boolean sourceAllowed(InetAddress host) {
        if (src.isEmpty()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        for (String cidr : src) {
            Boolean contains = contains(cidr, host);
            if (contains == null) {
                return false;
            }
            if (contains) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the block holds the address, or null when the block is not CIDR notation */
    private static Boolean contains(String cidr, InetAddress host) {
        int slash = cidr.indexOf('/');
        // Literal addresses only (no name lookups): dotted quads as Go reads them, or IPv6 text.
        if (slash < 0 || !(cidr.substring(0, slash).matches("(\\d{1,3}\\.){3}\\d{1,3}")
                || cidr.substring(0, slash).matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"))) {
            return null;
        }
        byte[] network;
        int bits;
        try {
            network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
        if (bits < 0 || bits > network.length * 8) {
            return null;
        }
        byte[] address = host.getAddress();
        if (address.length != network.length) {
            return false;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
                .shiftRight(bits).not();
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /**
     * How long the client may stay, from {@code now}: -1 when it may not connect now, 0 when no
     * windows are set (no end), else the milliseconds until its window ends (the connection is
     * then closed, as nats-server closes it).
     *
     * <p>nats-server places every window on today's date: a window over midnight (22:00-06:00)
     * runs from today 22:00 to tomorrow 06:00, so at 03:00 it does not admit. Kept, to refuse and
     * admit the same users.
     */
    public long windowRemainingMillis(ZonedDateTime now) {
        if (times.isEmpty()) {
            return 0;
        }
        ZoneId zone;
        try {
            zone = locale.isEmpty() ? now.getZone() : ZoneId.of(locale);
        } catch (DateTimeException e) {
            return -1;
        }
        ZonedDateTime local = now.withZoneSameInstant(zone);
        for (TimeRange range : times) {
            LocalTime start = clock(range.start());
            LocalTime end = clock(range.end());
            if (start == null || end == null) {
                return -1;
            }
            ZonedDateTime from = local.toLocalDate().atTime(start).atZone(zone);
            ZonedDateTime to = local.toLocalDate().plusDays(start.isAfter(end) ? 1 : 0).atTime(end).atZone(zone);
            if (from.isBefore(local) && to.isAfter(local)) {
                return Math.max(1, java.time.Duration.between(local, to).toMillis());
            }
        }
        return -1;
    }

    private static LocalTime clock(String text) {
        Matcher m = CLOCK.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = Integer.parseInt(m.group(3));
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second);
    }
}
