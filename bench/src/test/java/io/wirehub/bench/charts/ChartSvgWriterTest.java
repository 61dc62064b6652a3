package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartSvgWriterTest {
    @Test
    void escapesMarkupCharacters() {
        assertThat(SvgWriter.escape("a & b <c> \"d\"")).isEqualTo("a &amp; b &lt;c&gt; &quot;d&quot;");
    }

    @Test
    void namesWithMarkupCharactersStayWellFormedAndIntact() {
        String scenario = "req & reply <16 B> \"quoted\"";
        BarPanelChart chart = new BarPanelChart(scenario, List.of(
                new BarPanelChart.Panel("p<50>", "µs & more", false, Map.of("wirehub", new Spread(1, 1, 1)))));
        String text = chart.svg();

        SvgDocument svg = SvgDocument.parse(text);
        assertThat(svg.texts()).contains(scenario, "p<50>");
        assertThat(svg.elements("title").getFirst().getTextContent()).isEqualTo(scenario);
        assertThat(text).doesNotContain("<16 B>");
    }

    @Test
    void numbersAreShort() {
        assertThat(SvgWriter.number(12.3456)).isEqualTo("12.35");
        assertThat(SvgWriter.number(150.0)).isEqualTo("150");
        assertThat(SvgWriter.number(-0.001)).isEqualTo("0");
    }
}
