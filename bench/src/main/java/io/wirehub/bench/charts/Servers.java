package io.wirehub.bench.charts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The servers a chart compares, with their display names and colours. Wirehub always comes first and
 * always has the same colour, so a reader who has learnt one chart can read the next.
 */
final class Servers {
    static final String WIREHUB = "wirehub";
    static final String NATS = "nats-server";

    /** Blue and orange: told apart with the common colour-vision deficiencies, and in greyscale. */
    private static final String WIREHUB_COLOUR = "#2563eb";
    private static final String NATS_COLOUR = "#f59e0b";
    /** For any other server a future runner might add. */
    private static final String[] OTHER_COLOURS = {"#10b981", "#a855f7", "#ef4444", "#64748b"};

    private Servers() {
    }

    /** Wirehub, then nats-server, then others in the order they were met. */
    static List<String> ordered(Collection<String> servers) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        if (servers.contains(WIREHUB)) {
            order.add(WIREHUB);
        }
        if (servers.contains(NATS)) {
            order.add(NATS);
        }
        order.addAll(servers);
        return new ArrayList<>(order);
    }

    static String displayName(String server) {
        return server.equals(WIREHUB) ? "Wirehub" : server;
    }

    /** @param index the server's position in {@link #ordered}, to give unknown servers distinct colours */
    static String colour(String server, int index) {
        return switch (server) {
            case WIREHUB -> WIREHUB_COLOUR;
            case NATS -> NATS_COLOUR;
            default -> OTHER_COLOURS[index % OTHER_COLOURS.length];
        };
    }
}
