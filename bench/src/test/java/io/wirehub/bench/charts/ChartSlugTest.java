package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartSlugTest {
    @Test
    void lowercaseAsciiLettersDigitsAndDashes() {
        assertThat(Slug.of("pub/sub 1→1 16 B (raw, batched)")).isEqualTo("pubsub-1-to-1-16-b-raw-batched");
        assertThat(Slug.of("request-reply p99 µs")).isEqualTo("request-reply-p99-us");
        assertThat(Slug.of("fan-out (raw, 16 B) — delivered msgs/s")).isEqualTo("fan-out-raw-16-b-delivered-msgss");
        assertThat(Slug.of("Débit")).isEqualTo("debit");
        assertThat(Slug.of("→")).isEqualTo("to");
        assertThat(Slug.of("★ ☆")).isEqualTo("chart");
    }

    @Test
    void namesThatDifferOnlyInDroppedSymbolsStillGetDistinctSlugs() {
        Slug slugs = new Slug();

        assertThat(slugs.unique("a/b")).isEqualTo("ab");
        assertThat(slugs.unique("ab")).isEqualTo("ab-2");
        assertThat(slugs.unique("a(b)")).isEqualTo("ab-3");
        assertThat(slugs.unique("ab-2")).isEqualTo("ab-2-2");
        assertThat(slugs.unique("c")).isEqualTo("c");
    }
}
