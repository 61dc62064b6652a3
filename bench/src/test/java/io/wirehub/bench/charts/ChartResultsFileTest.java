package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChartResultsFileTest {
    static final String SAMPLE = """
            [
              {"scenario":"pub/sub 1→1 16 B (raw, batched)","figure":"msgs/s","unit":"msgs/s","higherIsBetter":true,"server":"wirehub","values":[4471488.0,4376324.0,4532151.0]},
              {"scenario":"pub/sub 1→1 16 B (raw, batched)","figure":"msgs/s","unit":"msgs/s","higherIsBetter":true,"server":"nats-server","values":[3000486.0,2832674.0,3038569.0]},
              {"scenario":"request-reply 16 B, 16 requesters (jnats)","figure":"p50","unit":"µs","higherIsBetter":false,"server":"wirehub","values":[204.0,193.0,247.0]},
              {"scenario":"fan-out curve 16 B (raw)","curve":"fan-out (raw, 16 B)","xLabel":"subscribers","x":100,"figure":"delivered msgs/s","unit":"msgs/s","higherIsBetter":true,"server":"wirehub","values":[1.0E7]}
            ]
            """;

    @Test
    void readsEveryFieldOfTheSample() throws Exception {
        List<Result> results = ResultsFile.parse(SAMPLE);

        assertThat(results).hasSize(4);
        Result first = results.getFirst();
        assertThat(first.scenario()).isEqualTo("pub/sub 1→1 16 B (raw, batched)");
        assertThat(first.figure()).isEqualTo("msgs/s");
        assertThat(first.unit()).isEqualTo("msgs/s");
        assertThat(first.higherIsBetter()).isTrue();
        assertThat(first.server()).isEqualTo("wirehub");
        assertThat(first.values()).containsExactly(4471488.0, 4376324.0, 4532151.0);
        assertThat(first.isCurvePoint()).isFalse();
        assertThat(first.spread()).isEqualTo(new Spread(4471488.0, 4376324.0, 4532151.0));

        Result latency = results.get(2);
        assertThat(latency.unit()).isEqualTo("µs");
        assertThat(latency.higherIsBetter()).isFalse();

        Result point = results.get(3);
        assertThat(point.isCurvePoint()).isTrue();
        assertThat(point.curve()).isEqualTo("fan-out (raw, 16 B)");
        assertThat(point.xLabel()).isEqualTo("subscribers");
        assertThat(point.x()).isEqualTo(100.0);
        assertThat(point.spread().median()).isCloseTo(1.0e7, within(1e-6));
    }

    @Test
    void filesWithoutTheDirectionTreatTimeUnitsAsLowerIsBetter() throws Exception {
        // The runner's first --json format had no higherIsBetter field.
        List<Result> results = ResultsFile.parse("""
                [{"scenario":"s","figure":"p99","unit":"µs","server":"wirehub","values":[1]},
                 {"scenario":"s","figure":"msgs/s","unit":"msgs/s","server":"wirehub","values":[1]}]
                """);

        assertThat(results).extracting(Result::higherIsBetter).containsExactly(false, true);
    }

    @Test
    void evenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1.0, 4.0));
    }

    @Test
    void rejectsEntriesItCannotChart() {
        assertThatThrownBy(() -> ResultsFile.parse("{\"scenario\":\"s\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> ResultsFile.parse("[{\"scenario\":\"s\",\"figure\":\"f\",\"server\":\"wirehub\"}]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
        assertThatThrownBy(() -> ResultsFile.parse("""
                [{"scenario":"s","curve":"c","figure":"f","server":"wirehub","values":[1]}]"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive \"x\"");
    }
}
