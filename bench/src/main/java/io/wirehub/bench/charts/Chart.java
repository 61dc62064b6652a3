package io.wirehub.bench.charts;

/** One SVG file: a scenario's bar panels or one figure of a curve. */
sealed interface Chart permits BarPanelChart, LineChart {
    /** The chart's heading, also the Markdown image's alt text and the source of its file name. */
    String title();

    /** The whole SVG document. */
    String svg();
}
