package io.wirehub.bench.charts;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names for the charts: lowercase ASCII letters, digits and dashes, so that they need no
 * escaping in a Markdown link or a URL and look the same on every file system. One instance hands
 * out unique names, because two scenarios may differ only in symbols the slug drops ("a/b", "ab").
 */
final class Slug {
    private final Set<String> taken = new HashSet<>();

    /** The slug of {@code text}, with -2, -3, ... appended when an earlier call already returned it. */
    String unique(String text) {
        String base = of(text);
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    static String of(String text) {
        String replaced = text
                .replace("→", " to ")
                .replace("µ", "u")   // micro sign, as in µs
                .replace("μ", "u");  // Greek mu, which some keyboards give instead
        // Decompose accented letters (é → e + combining accent) so that the letter survives.
        String decomposed = Normalizer.normalize(replaced, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (Character.isWhitespace(c) || c == '-' || c == '_') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                    out.append('-');
                }
            }
            // Anything else (punctuation, symbols, other scripts) is dropped.
        }
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        return out.isEmpty() ? "chart" : out.toString();
    }
}
