package io.wirehub.cli.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.cli.Console;
import io.wirehub.client.files.RelayManifest;

/**
 * What {@code send} and {@code receive} print about the files: their digests on stdout, a line per
 * file as {@code sha256sum} lays it out ({@code SHA-256 HEX  PATH}, after put's and get's
 * {@code SHA-256 HEX}), or, with {@code --json}, one JSON object per line.
 */
public final class RelayReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RelayReport() {
    }

    /** The offer as shown before writing: every path and size, and the total, on stderr. */
    public static void offer(Console console, RelayManifest offered, String directory, java.util.function.Predicate<String> exists) {
        console.err().println("The sender offers " + offered.entries().size() + " file(s), " + offered.totalSize()
                + " bytes in all, to write under " + directory + ":");
        for (RelayManifest.Entry entry : offered.entries()) {
            console.err().println("  " + entry.path() + "  (" + entry.size() + " bytes)"
                    + (exists.test(entry.path()) ? "  replaces an existing file" : ""));
        }
        console.err().flush();
    }

    /** The code as the first thing on stdout, before waiting, so a script can pass it on. */
    public static void code(Console console, boolean json, String code) {
        console.text().println(json ? JSON.createObjectNode().put("code", code).toString() : code);
        console.text().flush();
    }

    /** The verified files, last. */
    public static void files(Console console, boolean json, String outcome, RelayManifest manifest, String directory) {
        if (json) {
            ObjectNode root = JSON.createObjectNode().put("outcome", outcome);
            if (directory != null) {
                root.put("directory", directory);
            }
            root.put("bytes", manifest.totalSize());
            ArrayNode files = root.putArray("files");
            for (RelayManifest.Entry entry : manifest.entries()) {
                files.addObject().put("path", entry.path()).put("size", entry.size()).put("sha256", entry.sha256());
            }
            console.text().println(root.toString());
        } else {
            for (RelayManifest.Entry entry : manifest.entries()) {
                console.text().println("SHA-256 " + entry.sha256() + "  " + entry.path());
            }
        }
        console.text().flush();
    }
}
