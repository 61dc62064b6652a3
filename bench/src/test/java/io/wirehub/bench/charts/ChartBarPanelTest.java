package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChartBarPanelTest {
    @Test
    void barHeightsAreProportionalToTheMedians() throws Exception {
        List<Result> results = ResultsFile.parse(ChartResultsFileTest.SAMPLE).subList(0, 2);
        SvgDocument svg = SvgDocument.parse(BarPanelChart.of(results.getFirst().scenario(), results).svg());

        List<Element> bars = svg.withClass("rect", "bar");
        assertThat(bars).extracting(bar -> bar.getAttribute("data-server")).containsExactly("wirehub", "nats-server");
        double ours = SvgDocument.number(bars.get(0), "height");
        double theirs = SvgDocument.number(bars.get(1), "height");
        // Medians 4,471,488 and 3,000,486; coordinates are rounded to 0.01 px.
        assertThat(ours / theirs).isCloseTo(4471488.0 / 3000486.0, within(0.001));
        // Both bars stand on the same baseline.
        assertThat(SvgDocument.number(bars.get(0), "y") + ours)
                .isCloseTo(SvgDocument.number(bars.get(1), "y") + theirs, within(0.01));
        assertThat(svg.withClass("text", "value")).extracting(Element::getTextContent).containsExactly("4.47 M", "3 M");
        assertThat(svg.withClass("text", "ratio")).extracting(Element::getTextContent)
                .containsExactly("Wirehub / nats-server: 1.49×");
        assertThat(svg.elements("g").stream().filter(g -> g.getAttribute("class").equals("whisker"))).hasSize(2);
    }

    @Test
    void eachPanelHasItsOwnScale() {
        BarPanelChart chart = new BarPanelChart("s", List.of(
                panel("msgs/s", true, Map.of("wirehub", 4e6, "nats-server", 2e6)),
                panel("p99", false, Map.of("wirehub", 100.0, "nats-server", 200.0))));
        SvgDocument svg = SvgDocument.parse(chart.svg());

        List<Double> heights = svg.withClass("rect", "bar").stream().map(bar -> SvgDocument.number(bar, "height")).toList();
        // 4 M and 200 µs are the largest in their panels, so their bars are equally tall.
        assertThat(heights.get(0)).isCloseTo(heights.get(3), within(0.01));
        assertThat(heights.get(1)).isCloseTo(heights.get(0) / 2, within(0.01));
        assertThat(heights.get(2)).isCloseTo(heights.get(3) / 2, within(0.01));
        assertThat(svg.texts()).contains("µs (lower is better)");
    }

    @Test
    void missingServerGivesOneBarAndNoRatio() throws Exception {
        List<Result> results = ResultsFile.parse(ChartResultsFileTest.SAMPLE).subList(2, 3);
        SvgDocument svg = SvgDocument.parse(BarPanelChart.of(results.getFirst().scenario(), results).svg());

        assertThat(svg.withClass("rect", "bar")).hasSize(1);
        assertThat(svg.withClass("text", "ratio")).isEmpty();
        assertThat(svg.texts()).noneMatch(text -> text.contains("×"));
        assertThat(svg.withClass("text", "missing")).extracting(Element::getTextContent)
                .containsExactly("no nats-server result");
    }

    @Test
    void aServerMissingFromOneFigureKeepsItsPlaceAndIsMarked() {
        BarPanelChart chart = new BarPanelChart("s", List.of(
                panel("a", true, Map.of("wirehub", 1.0, "nats-server", 1.0)),
                panel("b", true, Map.of("wirehub", 1.0))));
        SvgDocument svg = SvgDocument.parse(chart.svg());

        assertThat(svg.withClass("rect", "bar")).hasSize(3);
        assertThat(svg.withClass("text", "missing")).hasSize(1);
        assertThat(svg.withClass("text", "ratio")).hasSize(1);
    }

    @Test
    void sixPanelsWrapIntoTwoRowsOfThree() {
        List<BarPanelChart.Panel> panels = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            panels.add(panel("figure " + i, true, Map.of("wirehub", (double) i, "nats-server", 1.0)));
        }
        SvgDocument svg = SvgDocument.parse(new BarPanelChart("six", panels).svg());

        List<Element> frames = svg.elements("g").stream()
                .filter(g -> g.getAttribute("class").equals("panel"))
                .map(g -> (Element) g.getElementsByTagNameNS("*", "rect").item(0))
                .toList();
        assertThat(frames).hasSize(6);
        assertThat(frames.stream().map(f -> f.getAttribute("y")).distinct()).hasSize(2);
        assertThat(frames.stream().map(f -> f.getAttribute("x")).distinct()).hasSize(3);
        assertThat(SvgDocument.number(svg.root(), "width")).isLessThan(800);
        assertThat(BarPanelChart.columns(4)).isEqualTo(2);
        assertThat(BarPanelChart.columns(5)).isEqualTo(3);
    }

    @Test
    void documentHasSizeViewBoxWhiteBackgroundAndSystemFont() throws Exception {
        List<Result> results = ResultsFile.parse(ChartResultsFileTest.SAMPLE).subList(0, 2);
        SvgDocument svg = SvgDocument.parse(BarPanelChart.of("s", results).svg());

        Element root = svg.root();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("viewBox"))
                .isEqualTo("0 0 " + root.getAttribute("width") + " " + root.getAttribute("height"));
        assertThat(root.getAttribute("font-family")).startsWith("system-ui");
        Element background = svg.elements("rect").getFirst();
        assertThat(background.getAttribute("fill")).isEqualTo("#ffffff");
        assertThat(background.getAttribute("width")).isEqualTo(root.getAttribute("width"));
    }

    private static BarPanelChart.Panel panel(String figure, boolean higherIsBetter, Map<String, Double> medians) {
        Map<String, Spread> spreads = new java.util.LinkedHashMap<>();
        for (String server : List.of("wirehub", "nats-server")) {
            if (medians.containsKey(server)) {
                double value = medians.get(server);
                spreads.put(server, new Spread(value, value, value));
            }
        }
        return new BarPanelChart.Panel(figure, higherIsBetter ? "msgs/s" : "µs", higherIsBetter, spreads);
    }
}
