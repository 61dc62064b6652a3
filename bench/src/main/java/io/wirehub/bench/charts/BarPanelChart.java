package io.wirehub.bench.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One scenario as small multiples: a panel per figure (msgs/s, MB/s, p50, p99, ...), each with its
 * own scale starting at 0, and a bar per server showing the median with a min–max whisker. Separate
 * scales because the figures have different units and magnitudes; one shared axis would flatten all
 * but the largest.
 */
final class BarPanelChart implements Chart {
    private static final double MARGIN = 16;
    private static final double GAP = 12;
    private static final double PANEL_WIDTH = 230;
    private static final double PANEL_HEIGHT = 250;
    /** Room above the panels for the title and the legend. */
    private static final double TOP = 72;
    /** Three panels per row at most, so that six figures stay readable at GitHub's content width. */
    private static final int MAX_COLUMNS = 3;
    // The plot area inside a panel.
    private static final double PLOT_LEFT = 50;
    private static final double PLOT_RIGHT = 12;
    private static final double PLOT_TOP = 46;
    private static final double PLOT_HEIGHT = 150;
    private static final double MAX_BAR_WIDTH = 54;

    /** One figure of the scenario, with each server's rounds. */
    record Panel(String figure, String unit, boolean higherIsBetter, Map<String, Spread> byServer) {
    }

    private final String title;
    private final List<Panel> panels;
    private final List<String> servers;

    BarPanelChart(String title, List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one figure");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        LinkedHashSet<String> all = new LinkedHashSet<>();
        panels.forEach(panel -> all.addAll(panel.byServer().keySet()));
        // The same servers in the same places in every panel, even where one has no value.
        this.servers = Servers.ordered(all);
    }

    /** The chart of one scenario from its entries (all without a curve), figures in their file order. */
    static BarPanelChart of(String scenario, List<Result> results) {
        Map<String, List<Result>> byFigure = new LinkedHashMap<>();
        for (Result result : results) {
            byFigure.computeIfAbsent(result.figure(), f -> new ArrayList<>()).add(result);
        }
        List<Panel> panels = new ArrayList<>();
        for (List<Result> figureResults : byFigure.values()) {
            Result first = figureResults.getFirst();
            // Entries repeated for the same server (e.g. two runs appended to one file) pool their rounds.
            Map<String, List<Double>> values = new LinkedHashMap<>();
            for (Result result : figureResults) {
                values.computeIfAbsent(result.server(), s -> new ArrayList<>()).addAll(result.values());
            }
            Map<String, Spread> spreads = new LinkedHashMap<>();
            values.forEach((server, serverValues) -> spreads.put(server, Spread.of(serverValues)));
            panels.add(new Panel(first.figure(), first.unit(), first.higherIsBetter(), spreads));
        }
        return new BarPanelChart(scenario, panels);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String svg() {
        int columns = columns(panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        double legendWidth = Legend.width(servers);
        double width = Math.max(columns * PANEL_WIDTH + (columns - 1) * GAP,
                Math.max(SvgWriter.textWidth(title, 16), legendWidth)) + 2 * MARGIN;
        double height = TOP + rows * PANEL_HEIGHT + (rows - 1) * GAP + MARGIN;
        SvgWriter svg = new SvgWriter(Math.ceil(width), Math.ceil(height), title);
        svg.element("text", title, "x", MARGIN, "y", 30, "font-size", 16, "font-weight", 600, "fill", "#111827");
        Legend.draw(svg, servers, MARGIN, 54);
        for (int i = 0; i < panels.size(); i++) {
            double x = MARGIN + (i % columns) * (PANEL_WIDTH + GAP);
            double y = TOP + (i / columns) * (PANEL_HEIGHT + GAP);
            drawPanel(svg, panels.get(i), x, y);
        }
        return svg.finish();
    }

    /** Rows as even as possible: 4 panels as 2 + 2 rather than 3 + 1. */
    static int columns(int panels) {
        int rows = (panels + MAX_COLUMNS - 1) / MAX_COLUMNS;
        return (panels + rows - 1) / rows;
    }

    private void drawPanel(SvgWriter svg, Panel panel, double x, double y) {
        svg.open("g", "class", "panel");
        svg.empty("rect", "x", x, "y", y, "width", PANEL_WIDTH, "height", PANEL_HEIGHT, "rx", 6,
                "fill", "none", "stroke", "#e5e7eb");
        double centre = x + PANEL_WIDTH / 2;
        svg.element("text", panel.figure(), "x", centre, "y", y + 18, "text-anchor", "middle",
                "font-size", 13, "font-weight", 600, "fill", "#111827");
        String subtitle = subtitle(panel);
        if (!subtitle.isEmpty()) {
            svg.element("text", subtitle, "x", centre, "y", y + 34, "text-anchor", "middle",
                    "font-size", 11, "fill", "#4b5563");
        }

        double left = x + PLOT_LEFT;
        double right = x + PANEL_WIDTH - PLOT_RIGHT;
        double top = y + PLOT_TOP;
        double bottom = top + PLOT_HEIGHT;
        // 12% headroom, so that the value written above the tallest whisker stays inside the panel.
        double highest = panel.byServer().values().stream().mapToDouble(Spread::max).max().orElse(0);
        List<Double> ticks = Axis.linearTicks(highest * 1.12);
        double scaleMax = ticks.getLast();
        for (double tick : ticks) {
            double ty = bottom - tick / scaleMax * PLOT_HEIGHT;
            svg.empty("line", "x1", left, "y1", ty, "x2", right, "y2", ty,
                    "stroke", tick == 0 ? "#9ca3af" : "#f3f4f6");
            svg.element("text", Readable.number(tick), "x", left - 6, "y", ty + 4, "text-anchor", "end",
                    "font-size", 10, "fill", "#6b7280");
        }

        double slot = (right - left) / servers.size();
        double barWidth = Math.min(MAX_BAR_WIDTH, slot * 0.6);
        for (int s = 0; s < servers.size(); s++) {
            String server = servers.get(s);
            double barCentre = left + slot * (s + 0.5);
            svg.element("text", Servers.displayName(server), "x", barCentre, "y", bottom + 15,
                    "text-anchor", "middle", "font-size", 11, "fill", "#374151");
            Spread spread = panel.byServer().get(server);
            if (spread == null) {
                // Say so rather than leave a gap that looks like a value of 0 (nats-server has no Unix socket).
                svg.element("text", "n/a", "x", barCentre, "y", bottom - 6, "text-anchor", "middle",
                        "font-size", 11, "fill", "#9ca3af", "class", "missing");
                continue;
            }
            double barHeight = Math.max(0, spread.median()) / scaleMax * PLOT_HEIGHT;
            String tooltip = Servers.displayName(server) + ": " + Readable.number(spread.median()) + " " + panel.unit()
                    + " (median; rounds " + Readable.number(spread.min()) + "–" + Readable.number(spread.max()) + ")";
            svg.withTooltip("rect", tooltip, "class", "bar", "data-server", server,
                    "x", barCentre - barWidth / 2, "y", bottom - barHeight, "width", barWidth, "height", barHeight,
                    "fill", Servers.colour(server, s));
            double labelY = bottom - barHeight;
            if (spread.hasRange()) {
                double yMin = bottom - Math.max(0, spread.min()) / scaleMax * PLOT_HEIGHT;
                double yMax = bottom - Math.max(0, spread.max()) / scaleMax * PLOT_HEIGHT;
                Whisker.draw(svg, barCentre, yMin, yMax, "#111827");
                labelY = Math.min(labelY, yMax);
            }
            svg.element("text", Readable.number(spread.median()), "class", "value", "x", barCentre, "y", labelY - 5,
                    "text-anchor", "middle", "font-size", 11, "font-weight", 600, "fill", "#111827");
        }

        Spread ours = panel.byServer().get(Servers.WIREHUB);
        Spread theirs = panel.byServer().get(Servers.NATS);
        if (ours != null && theirs != null && theirs.median() > 0) {
            String ratio = "Wirehub / nats-server: " + Readable.ratio(ours.median() / theirs.median());
            svg.element("text", ratio, "class", "ratio", "x", centre, "y", bottom + 36, "text-anchor", "middle",
                    "font-size", 12, "fill", "#111827");
        } else {
            // A server absent from the whole scenario has no slot to mark "n/a" in; say it here instead.
            for (String expected : List.of(Servers.WIREHUB, Servers.NATS)) {
                if (!servers.contains(expected)) {
                    svg.element("text", "no " + Servers.displayName(expected) + " result", "class", "missing",
                            "x", centre, "y", bottom + 36, "text-anchor", "middle", "font-size", 11, "fill", "#6b7280");
                }
            }
        }
        svg.close("g");
    }

    /** The unit (unless the figure's name already is the unit) and the direction when lower is better. */
    private static String subtitle(Panel panel) {
        List<String> parts = new ArrayList<>();
        if (!panel.unit().isEmpty() && !panel.unit().equals(panel.figure())) {
            parts.add(panel.unit());
        }
        if (!panel.higherIsBetter()) {
            parts.add("(lower is better)");
        }
        return String.join(" ", parts);
    }
}
