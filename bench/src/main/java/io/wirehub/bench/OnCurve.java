package io.wirehub.bench;

import java.util.List;
import java.util.Set;

/**
 * A load run as one point of a cost curve: the same load, its figures cut to the ones the curve
 * plots (a curve of msgs/s does not need its MB/s twin).
 */
final class OnCurve implements Scenario {
    private final Scenario load;
    private final CurvePoint point;
    private final Set<String> figures;

    OnCurve(Scenario load, CurvePoint point, Set<String> figures) {
        this.load = load;
        this.point = point;
        this.figures = figures;
    }

    @Override
    public String name() {
        return load.name();
    }

    @Override
    public CurvePoint curvePoint() {
        return point;
    }

    @Override
    public boolean runsOn(BenchServer server) {
        return load.runsOn(server);
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        return load.run(server, scale).stream().filter(f -> figures.contains(f.name())).toList();
    }
}
