package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub chat ROOM --name NAME}: the classic first socket program, over pub-sub. Each
 * line typed is published to {@code chat.ROOM} with the sender's name in a header; every line
 * published there is printed as {@code HH:mm:ss <name> text}. Joining and leaving are announced.
 * End of input (Ctrl-D) leaves the room.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Chat in a room: lines from stdin go to everyone in ROOM; their lines are printed. Ctrl-D leaves.")
public final class ChatCommand implements Callable<Integer>, Console.User {
    static final String NAME_HEADER = "Wh-Chat-Name";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ROOM", description = "Room name (letters, digits, - and _).")
    private String room;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Your name in the room.")
    private String name;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        if (!room.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new UserFacingException("a room name is 1 to 64 letters, digits, - or _");
        }
        if (name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new UserFacingException("a name is 1 to 64 printable characters");
        }
        String subject = "chat." + room;
        try (Connection nc = Nats.connect(connection.jnats("wirehub chat " + name).build())) {
            Dispatcher printer = nc.createDispatcher(this::print);
            printer.subscribe(subject);
            nc.flush(connection.timeout());
            announce(nc, subject, "joined");
            BufferedReader input = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                if (!line.isBlank()) {
                    nc.publish(subject, headers("say"), line.getBytes(StandardCharsets.UTF_8));
                }
            }
            announce(nc, subject, "left");
            nc.flush(connection.timeout());
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }

    private Headers headers(String kind) {
        return new Headers().add(NAME_HEADER, name).add("Wh-Chat-Kind", kind);
    }

    private void announce(Connection nc, String subject, String what) {
        nc.publish(subject, headers(what), new byte[0]);
    }

    /** On the dispatcher's thread: one line per message, flushed at once. */
    private void print(Message message) {
        Headers headers = message.getHeaders();
        String from = headers == null ? null : headers.getFirst(NAME_HEADER);
        String kind = headers == null ? "say" : String.valueOf(headers.getFirst("Wh-Chat-Kind"));
        String text = new String(message.getData() == null ? new byte[0] : message.getData(), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " "); // no terminal escapes from other people's lines
        String time = LocalTime.now().format(TIME);
        String line = switch (kind) {
            case "joined", "left" -> time + " * " + (from == null ? "someone" : from) + " " + kind;
            default -> time + " <" + (from == null ? "?" : from) + "> " + text;
        };
        synchronized (console) {
            console.text().println(line);
            console.text().flush();
        }
    }
}
