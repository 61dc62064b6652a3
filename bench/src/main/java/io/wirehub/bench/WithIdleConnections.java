package io.wirehub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs a load while N other raw connections sit idle on the server: what connections cost the rest. */
final class WithIdleConnections implements Scenario {
    private final Scenario load;
    private final int idle;

    WithIdleConnections(Scenario load, int idle) {
        this.load = load;
        this.idle = idle;
    }

    @Override
    public String name() {
        return load.name() + String.format(Locale.ROOT, " with %,d idle connections", idle);
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        List<RawConnection> open = new ArrayList<>(idle);
        try {
            for (int i = 0; i < idle; i++) {
                open.add(RawConnection.open(server, ""));
            }
            return load.run(server, scale);
        } finally {
            open.forEach(RawConnection::close);
        }
    }
}
