package io.wirehub.bench.charts;

/** The min–max range of the rounds: a vertical line with short caps. */
final class Whisker {
    private static final double CAP = 5;

    private Whisker() {
    }

    static void draw(SvgWriter svg, double x, double yMin, double yMax, String colour) {
        svg.open("g", "class", "whisker", "stroke", colour, "stroke-width", 1.5);
        svg.empty("line", "x1", x, "y1", yMin, "x2", x, "y2", yMax);
        svg.empty("line", "x1", x - CAP, "y1", yMin, "x2", x + CAP, "y2", yMin);
        svg.empty("line", "x1", x - CAP, "y1", yMax, "x2", x + CAP, "y2", yMax);
        svg.close("g");
    }
}
