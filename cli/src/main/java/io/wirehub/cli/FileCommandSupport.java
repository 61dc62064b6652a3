package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.ObjectFiles;
import java.io.IOException;

/** What the file verbs share: connecting, the bucket's {@link ObjectFiles} with the run's progress bar, the digest line. */
final class FileCommandSupport {
    private FileCommandSupport() {
    }

    static Connection connect(ConnectionOptions connection, String name) {
        try {
            return Nats.connect(connection.jnats(name).build());
        } catch (IOException e) {
            throw Connections.failure(connection, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted while connecting");
        }
    }

    static ObjectFiles files(Connection nc, ConnectionOptions connection, TransferOptions transfer, Console console,
                             String bucket) {
        if (transfer.window() < 1) {
            throw new UserFacingException("--window must be at least 1");
        }
        return new ObjectFiles(nc, bucket, transfer.window(), connection.timeout(),
                ProgressBars.forConsole(console, transfer.noProgress()));
    }

    /** The verified digest, last, as croc and sha256sum users look for it, with the local file it is of. */
    static void printDigest(Console console, String sha256, String path) {
        console.text().println("SHA-256 " + sha256 + "  " + path);
        console.text().flush();
    }

    /**
     * Refuses object names that would be dangerous as a path on whoever gets them: empty, absolute,
     * with a {@code ..} segment, a backslash or a control character. Slashes between plain
     * segments are fine (Object Store names often have them).
     */
    static void checkName(String name) {
        String why = null;
        if (name.isEmpty()) {
            why = "is empty";
        } else if (name.startsWith("/")) {
            why = "must not start with /";
        } else if (name.indexOf('\\') >= 0) {
            why = "must not hold a backslash";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            why = "must not hold control characters";
        } else if (java.util.Arrays.stream(name.split("/", -1)).anyMatch(s -> s.equals("..") || s.equals("."))) {
            why = "must not hold a . or .. segment";
        }
        if (why != null) {
            throw new UserFacingException(name + ": file name " + why);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A stored file as {@code --json} shows it: bucket, name, size, modified, sha256. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(String bucket, io.wirehub.client.files.RemoteFile file) {
        return JSON.createObjectNode().put("bucket", bucket).put("name", file.name()).put("size", file.size())
                .put("modified", file.modified()).put("sha256", file.sha256());
    }

    /** Prints one JSON document on stdout (the progress bar and notes stay on stderr). */
    static void printJson(Console console, com.fasterxml.jackson.databind.JsonNode node) {
        console.text().println(node.toPrettyString());
        console.text().flush();
    }
}
