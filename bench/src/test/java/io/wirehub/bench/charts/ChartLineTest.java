package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChartLineTest {
    @Test
    void pointsAreOrderedByXAndPlacedOnALogScale() {
        // Written out of order, as a runner that retries a point might.
        List<Result> results = List.of(
                point("wirehub", 1000, 4e6), point("wirehub", 1, 10e6),
                point("wirehub", 10, 9e6), point("wirehub", 100, 8e6));
        LineChart chart = LineChart.of("fan-out (raw, 16 B)", "delivered msgs/s", results);
        SvgDocument svg = SvgDocument.parse(chart.svg());

        List<Element> points = svg.withClass("circle", "point");
        List<Double> xs = points.stream().map(p -> SvgDocument.number(p, "cx")).toList();
        List<Double> ys = points.stream().map(p -> SvgDocument.number(p, "cy")).toList();
        assertThat(xs).isSorted().doesNotHaveDuplicates();
        // Medians in x order 10 M, 9 M, 8 M, 4 M: SVG y grows downwards.
        assertThat(ys).isSorted();
        // Each factor of ten takes the same width.
        double decade = xs.get(1) - xs.get(0);
        assertThat(xs.get(2) - xs.get(1)).isCloseTo(decade, within(0.02));
        assertThat(xs.get(3) - xs.get(2)).isCloseTo(decade, within(0.02));

        String line = svg.withClass("polyline", "line").getFirst().getAttribute("points");
        List<Double> lineXs = new ArrayList<>();
        for (String pair : line.split(" ")) {
            lineXs.add(Double.parseDouble(pair.split(",")[0]));
        }
        assertThat(lineXs).isEqualTo(xs);

        assertThat(svg.withClass("text", "x-tick")).extracting(Element::getTextContent)
                .containsExactly("1", "10", "100", "1k");
        assertThat(svg.root().getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("fan-out (raw, 16 B) — delivered msgs/s");
        assertThat(svg.texts()).contains("subscribers (log scale)", "msgs/s");
    }

    @Test
    void theChartOrdersPointsHandedToItDirectly() {
        Map<String, List<LineChart.Point>> lines = Map.of("wirehub", List.of(
                new LineChart.Point(100, new Spread(3, 3, 3)),
                new LineChart.Point(1, new Spread(1, 1, 1)),
                new LineChart.Point(10, new Spread(2, 2, 2))));
        SvgDocument svg = SvgDocument.parse(new LineChart("c — f", "x", "u", true, lines).svg());

        List<Double> xs = svg.withClass("circle", "point").stream().map(p -> SvgDocument.number(p, "cx")).toList();
        List<Double> ys = svg.withClass("circle", "point").stream().map(p -> SvgDocument.number(p, "cy")).toList();
        assertThat(xs).isSorted().doesNotHaveDuplicates();
        // Values 1, 2, 3 in x order: y decreases (SVG y grows downwards).
        assertThat(ys).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
    }

    @Test
    void logPlacementIsProportionalToTheExponent() {
        List<Result> results = List.of(point("wirehub", 1, 1), point("wirehub", 10, 1), point("wirehub", 1000, 1));
        SvgDocument svg = SvgDocument.parse(LineChart.of("c", "f", results).svg());

        List<Double> xs = svg.withClass("circle", "point").stream().map(p -> SvgDocument.number(p, "cx")).toList();
        assertThat(xs.get(2) - xs.get(1)).isCloseTo(2 * (xs.get(1) - xs.get(0)), within(0.03));
    }

    @Test
    void oneLinePerServerWithMarkersAndWhiskers() {
        List<Result> results = List.of(
                new Result("s", "c", "subscribers", 10, "f", "msgs/s", true, "nats-server", List.of(1.0, 2.0, 3.0)),
                new Result("s", "c", "subscribers", 100, "f", "msgs/s", true, "nats-server", List.of(1.0, 2.0, 3.0)),
                point("wirehub", 10, 2), point("wirehub", 100, 2));
        SvgDocument svg = SvgDocument.parse(LineChart.of("c", "f", results).svg());

        List<Element> series = svg.elements("g").stream().filter(g -> g.getAttribute("class").equals("series")).toList();
        assertThat(series).extracting(g -> g.getAttribute("data-server")).containsExactly("wirehub", "nats-server");
        assertThat(svg.withClass("polyline", "line")).extracting(l -> l.getAttribute("stroke")).doesNotHaveDuplicates();
        assertThat(svg.withClass("circle", "point")).hasSize(4);
        // Only nats-server's rounds differ.
        assertThat(svg.elements("g").stream().filter(g -> g.getAttribute("class").equals("whisker"))).hasSize(2);
    }

    private static Result point(String server, double x, double value) {
        return new Result("fan-out", "fan-out (raw, 16 B)", "subscribers", x, "delivered msgs/s", "msgs/s", true,
                server, List.of(value));
    }
}
