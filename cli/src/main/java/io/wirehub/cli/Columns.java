package io.wirehub.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * natscli's columns writer (its {@code columns} package, rendered for humans): a heading, section
 * titles, and "label: value" rows whose labels are right-aligned to the longest label of the whole
 * view plus two spaces, so {@code wirehub stream info} and {@code nats stream info} line up the same.
 */
final class Columns {
    private final String heading;
    /** Each entry a section title (one element) or a row (label, value). */
    private final List<String[]> rows = new ArrayList<>();

    Columns(String heading) {
        this.heading = heading;
    }

    void section(String title) {
        rows.add(new String[] {title});
    }

    void row(String label, Object value) {
        rows.add(new String[] {label, String.valueOf(value)});
    }

    void rowIf(String label, Object value, boolean condition) {
        if (condition) {
            row(label, value);
        }
    }

    void rowIfNotEmpty(String label, String value) {
        rowIf(label, value, value != null && !value.isEmpty());
    }

    void render(PrintWriter out) {
        int longest = 0;
        for (String[] r : rows) {
            if (r.length == 2) {
                longest = Math.max(longest, r[0].codePointCount(0, r[0].length()));
            }
        }
        out.println(heading);
        out.println();
        boolean first = true;
        boolean afterTitle = false;
        for (String[] r : rows) {
            if (r.length == 1) {
                if (!first && !afterTitle) {
                    out.println();
                }
                out.println(r[0].endsWith(":") ? r[0] : r[0] + ":");
                out.println();
                afterTitle = true;
            } else {
                int padding = longest - r[0].codePointCount(0, r[0].length()) + 2;
                if (r[0].isEmpty()) {
                    out.println(" ".repeat(padding + 1) + " " + r[1]);
                } else {
                    out.println(" ".repeat(padding) + r[0] + ": " + r[1]);
                }
                afterTitle = false;
            }
            first = false;
        }
        out.flush();
    }
}
