package io.wirehub.bench.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Builds one SVG document as text. Deliberately tiny: the charts need rectangles, lines, circles,
 * polylines and text, and writing them by hand keeps the files small, diff-friendly and free of
 * anything GitHub's image proxy refuses (scripts, external fonts or images, CSS imports).
 *
 * <p>Attributes are given as name/value pairs; numbers are written with at most two decimals.
 * Every attribute value and text is escaped, since scenario names contain {@code &}, {@code <} and
 * the like.
 */
final class SvgWriter {
    /** system-ui first, so each reader gets their platform's interface font; then common fallbacks. */
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    private final StringBuilder out = new StringBuilder();
    private final double width;
    private final double height;

    /** Starts the document: size, viewBox (so that it scales), font, title and a white background. */
    SvgWriter(double width, double height, String title) {
        this.width = width;
        this.height = height;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        attributes("width", width, "height", height, "viewBox", "0 0 " + number(width) + " " + number(height),
                "font-family", FONT, "font-size", 12, "role", "img");
        out.append(">\n");
        element("title", title);
        // Explicit white, because GitHub's dark theme would otherwise show dark text on dark grey.
        empty("rect", "x", 0, "y", 0, "width", width, "height", height, "fill", "#ffffff");
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    /** An element without content, e.g. {@code empty("line", "x1", 0, ...)}. */
    SvgWriter empty(String name, Object... attributes) {
        out.append('<').append(name);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** An element with text content, e.g. a {@code <text>} or a {@code <title>}. */
    SvgWriter element(String name, String text, Object... attributes) {
        out.append('<').append(name);
        attributes(attributes);
        out.append('>').append(escape(text)).append("</").append(name).append(">\n");
        return this;
    }

    /** A shape with a tooltip: browsers show a child {@code <title>} on hover. */
    SvgWriter withTooltip(String name, String tooltip, Object... attributes) {
        out.append('<').append(name);
        attributes(attributes);
        out.append("><title>").append(escape(tooltip)).append("</title></").append(name).append(">\n");
        return this;
    }

    SvgWriter open(String name, Object... attributes) {
        out.append('<').append(name);
        attributes(attributes);
        out.append(">\n");
        return this;
    }

    SvgWriter close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** Closes the document and returns it. */
    String finish() {
        return out.append("</svg>\n").toString();
    }

    private void attributes(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value == null) {
                continue;
            }
            String text = value instanceof Number n ? number(n.doubleValue()) : value.toString();
            out.append(' ').append(pairs[i]).append("=\"").append(escape(text)).append('"');
        }
    }

    /** Escapes text for element content and double-quoted attribute values alike. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    // Control characters other than tab and newline are not allowed in XML 1.0 at all.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        escaped.append(' ');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** At most two decimals and no trailing zeros: enough for pixels, and short. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a coordinate: " + value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return (rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded).toPlainString();
    }

    /** A rough width of a text in pixels, for layout: system-ui averages about 0.58 em per character. */
    static double textWidth(String text, double fontSize) {
        return text.length() * fontSize * 0.58;
    }
}
