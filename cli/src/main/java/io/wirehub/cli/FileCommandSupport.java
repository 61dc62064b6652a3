package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.FileClient;
import java.io.IOException;

/** What the file verbs share: connecting, a FileClient with the run's progress bar, the digest line. */
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

    static FileClient client(Connection nc, ConnectionOptions connection, TransferOptions transfer, Console console) {
        if (transfer.window() < 1) {
            throw new UserFacingException("--window must be at least 1");
        }
        return new FileClient(nc, transfer.window(), connection.timeout(),
                ProgressBars.forConsole(console, transfer.noProgress()));
    }

    /** The verified digest, last, as croc and sha256sum users look for it. */
    static void printDigest(Console console, String sha256) {
        console.text().println("SHA-256 " + sha256);
        console.text().flush();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A stored file as {@code --json} shows it: name, size, modified, sha256. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(io.wirehub.client.files.RemoteFile file) {
        return JSON.createObjectNode().put("name", file.name()).put("size", file.size())
                .put("modified", file.modified()).put("sha256", file.sha256());
    }

    /** Prints one JSON document on stdout (the progress bar and notes stay on stderr). */
    static void printJson(Console console, com.fasterxml.jackson.databind.JsonNode node) {
        console.text().println(node.toPrettyString());
        console.text().flush();
    }
}
