package io.wirehub.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** natscli's rounded tables (title, headers, rows) and its two-column "key: value" blocks, in plain text. */
final class Table {
    private final String title;
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        this.headers = headers;
    }

    void row(String... cells) {
        rows.add(cells);
    }

    String render() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        int total = 0;
        for (int w : width) {
            total += w + 3;
        }
        total -= 1;
        StringBuilder sb = new StringBuilder();
        sb.append("╭").append("─".repeat(total)).append("╮\n");
        int pad = Math.max(0, total - title.length());
        sb.append("│").append(" ".repeat(pad / 2)).append(title).append(" ".repeat(pad - pad / 2)).append("│\n");
        sb.append("├");
        for (int i = 0; i < width.length; i++) {
            sb.append("─".repeat(width[i] + 2)).append(i == width.length - 1 ? "┤\n" : "┬");
        }
        appendRow(sb, headers, width);
        sb.append("├");
        for (int i = 0; i < width.length; i++) {
            sb.append("─".repeat(width[i] + 2)).append(i == width.length - 1 ? "┤\n" : "┼");
        }
        for (String[] r : rows) {
            appendRow(sb, r, width);
        }
        sb.append("╰");
        for (int i = 0; i < width.length; i++) {
            sb.append("─".repeat(width[i] + 2)).append(i == width.length - 1 ? "╯" : "┴");
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
        sb.append("│");
        for (int i = 0; i < width.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length() + 1)).append("│");
        }
        sb.append('\n');
    }

    /** Right-aligned labels, a colon, the value: natscli's columns output. */
    static void columns(PrintWriter out, List<String[]> rows) {
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        for (String[] r : rows) {
            if (r[1] == null || r[1].isEmpty()) {
                continue;
            }
            out.println(" ".repeat(width - r[0].length() + 10) + r[0] + ": " + r[1]);
        }
    }
}
