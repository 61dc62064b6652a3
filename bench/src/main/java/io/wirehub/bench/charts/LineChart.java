package io.wirehub.bench.charts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One figure of a curve (e.g. delivered msgs/s against the number of subscribers): a line per server
 * through the medians, with a min–max whisker at each point. The x axis is logarithmic because the
 * curves step by factors (1, 10, 100, ... subscribers); the y axis is linear from 0 so that a drop
 * to half reads as half.
 */
final class LineChart implements Chart {
    private static final double WIDTH = 640;
    private static final double HEIGHT = 380;
    private static final double MARGIN = 16;
    private static final double PLOT_LEFT = 76;
    private static final double PLOT_RIGHT = 28;
    private static final double PLOT_TOP = 72;
    private static final double PLOT_BOTTOM = 56;

    /** One measured point of one server's line. */
    record Point(double x, Spread spread) {
    }

    private final String title;
    private final String xLabel;
    private final String unit;
    private final boolean higherIsBetter;
    /** Per server (in display order), its points ordered by x. */
    private final Map<String, List<Point>> lines;

    LineChart(String title, String xLabel, String unit, boolean higherIsBetter, Map<String, List<Point>> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one server");
        }
        this.title = title;
        this.xLabel = xLabel;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.lines = new LinkedHashMap<>();
        for (String server : Servers.ordered(lines.keySet())) {
            // Ordered by x, whatever order the runner wrote them in, or the line would zig-zag.
            List<Point> points = new ArrayList<>(lines.get(server));
            points.sort(Comparator.comparingDouble(Point::x));
            this.lines.put(server, List.copyOf(points));
        }
    }

    /** The chart of one curve's figure from its entries; rounds of the same server and x are pooled. */
    static LineChart of(String curve, String figure, List<Result> results) {
        Result first = results.getFirst();
        Map<String, TreeMap<Double, List<Double>>> values = new LinkedHashMap<>();
        for (Result result : results) {
            values.computeIfAbsent(result.server(), s -> new TreeMap<>())
                    .computeIfAbsent(result.x(), x -> new ArrayList<>())
                    .addAll(result.values());
        }
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        values.forEach((server, byX) -> lines.put(server,
                byX.entrySet().stream().map(e -> new Point(e.getKey(), Spread.of(e.getValue()))).toList()));
        return new LineChart(curve + " — " + figure, first.xLabel(), first.unit(), first.higherIsBetter(), lines);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String svg() {
        String heading = higherIsBetter ? title : title + " (lower is better)";
        double width = Math.max(WIDTH, SvgWriter.textWidth(heading, 16) + 2 * MARGIN);
        SvgWriter svg = new SvgWriter(Math.ceil(width), HEIGHT, title);
        svg.element("text", heading, "x", MARGIN, "y", 30, "font-size", 16, "font-weight", 600, "fill", "#111827");
        List<String> servers = List.copyOf(lines.keySet());
        Legend.draw(svg, servers, MARGIN, 54);

        double left = PLOT_LEFT;
        double right = width - PLOT_RIGHT;
        double top = PLOT_TOP;
        double bottom = HEIGHT - PLOT_BOTTOM;

        double minX = Double.POSITIVE_INFINITY;
        double maxX = 0;
        double maxY = 0;
        for (List<Point> points : lines.values()) {
            for (Point point : points) {
                minX = Math.min(minX, point.x());
                maxX = Math.max(maxX, point.x());
                maxY = Math.max(maxY, point.spread().max());
            }
        }
        int[] decades = Axis.decades(minX, maxX);
        XScale xScale = new XScale(decades[0], decades[1], left, right);
        List<Double> yTicks = Axis.linearTicks(maxY * 1.05);
        double yMax = yTicks.getLast();
        java.util.function.DoubleUnaryOperator yOf = value -> bottom - Math.max(0, value) / yMax * (bottom - top);

        for (double tick : yTicks) {
            double y = yOf.applyAsDouble(tick);
            svg.empty("line", "x1", left, "y1", y, "x2", right, "y2", y, "stroke", tick == 0 ? "#9ca3af" : "#f3f4f6");
            svg.element("text", Readable.number(tick), "x", left - 6, "y", y + 4, "text-anchor", "end",
                    "font-size", 10, "fill", "#6b7280");
        }
        for (double tick : xTicks(decades[0], decades[1])) {
            double x = xScale.of(tick);
            svg.empty("line", "x1", x, "y1", top, "x2", x, "y2", bottom, "stroke", "#f3f4f6");
            svg.empty("line", "x1", x, "y1", bottom, "x2", x, "y2", bottom + 4, "stroke", "#9ca3af");
            svg.element("text", Axis.logLabel(tick), "class", "x-tick", "x", x, "y", bottom + 17,
                    "text-anchor", "middle", "font-size", 10, "fill", "#6b7280");
        }
        svg.empty("line", "x1", left, "y1", top, "x2", left, "y2", bottom, "stroke", "#9ca3af");
        svg.element("text", xLabel + " (log scale)", "x", (left + right) / 2, "y", HEIGHT - 14,
                "text-anchor", "middle", "font-size", 12, "fill", "#374151");
        double middle = (top + bottom) / 2;
        svg.element("text", unit, "x", 20, "y", middle, "transform", "rotate(-90 20 " + SvgWriter.number(middle) + ")",
                "text-anchor", "middle", "font-size", 12, "fill", "#374151");

        for (int s = 0; s < servers.size(); s++) {
            String server = servers.get(s);
            String colour = Servers.colour(server, s);
            List<Point> points = lines.get(server);
            svg.open("g", "class", "series", "data-server", server);
            if (points.size() > 1) {
                StringBuilder path = new StringBuilder();
                for (Point point : points) {
                    path.append(path.isEmpty() ? "" : " ").append(SvgWriter.number(xScale.of(point.x())))
                            .append(',').append(SvgWriter.number(yOf.applyAsDouble(point.spread().median())));
                }
                svg.empty("polyline", "class", "line", "points", path, "fill", "none", "stroke", colour,
                        "stroke-width", 2, "stroke-linejoin", "round");
            }
            for (Point point : points) {
                double x = xScale.of(point.x());
                Spread spread = point.spread();
                if (spread.hasRange()) {
                    Whisker.draw(svg, x, yOf.applyAsDouble(spread.min()), yOf.applyAsDouble(spread.max()), colour);
                }
                String tooltip = Servers.displayName(server) + ", " + xLabel + " " + Readable.number(point.x()) + ": "
                        + Readable.number(spread.median()) + " " + unit
                        + " (median; rounds " + Readable.number(spread.min()) + "–" + Readable.number(spread.max()) + ")";
                svg.withTooltip("circle", tooltip, "class", "point", "cx", x, "cy", yOf.applyAsDouble(spread.median()),
                        "r", 4, "fill", colour, "stroke", "#ffffff", "stroke-width", 1.5);
            }
            svg.close("g");
        }
        return svg.finish();
    }

    /** Every decade; over two decades or fewer also 2× and 5×, which would otherwise leave the axis bare. */
    private static List<Double> xTicks(int lowDecade, int highDecade) {
        List<Double> ticks = new ArrayList<>();
        boolean narrow = highDecade - lowDecade <= 2;
        for (int d = lowDecade; d <= highDecade; d++) {
            double decade = Math.pow(10, d);
            ticks.add(decade);
            if (narrow && d < highDecade) {
                ticks.add(2 * decade);
                ticks.add(5 * decade);
            }
        }
        return ticks;
    }

    /** log10 of x mapped linearly onto the plot's width. */
    private record XScale(int lowDecade, int highDecade, double left, double right) {
        double of(double x) {
            return left + (Math.log10(x) - lowDecade) / (highDecade - lowDecade) * (right - left);
        }
    }
}
