package io.wirehub.bench.charts;

import java.util.List;

/** A row of colour swatches with server names, shared by both chart kinds. */
final class Legend {
    private static final double SWATCH = 12;
    private static final double SPACING = 24;

    private Legend() {
    }

    static double width(List<String> servers) {
        double width = 0;
        for (String server : servers) {
            width += SWATCH + 6 + SvgWriter.textWidth(Servers.displayName(server), 12) + SPACING;
        }
        return width;
    }

    /** @param baseline the text baseline of the row */
    static void draw(SvgWriter svg, List<String> servers, double x, double baseline) {
        svg.open("g", "class", "legend");
        for (int i = 0; i < servers.size(); i++) {
            String server = servers.get(i);
            String name = Servers.displayName(server);
            svg.empty("rect", "x", x, "y", baseline - SWATCH + 1, "width", SWATCH, "height", SWATCH, "rx", 2,
                    "fill", Servers.colour(server, i));
            svg.element("text", name, "x", x + SWATCH + 6, "y", baseline, "font-size", 12, "fill", "#374151");
            x += SWATCH + 6 + SvgWriter.textWidth(name, 12) + SPACING;
        }
        svg.close("g");
    }
}
