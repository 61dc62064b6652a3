package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.wirehub.cli.messaging.MessagePrinter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub sub SUBJECT}: prints messages as they arrive, as {@code nats sub} does: headers
 * shown, {@code -r} for bodies only, {@code --dump DIR} for one JSON file per message (or
 * {@code --dump -} for NUL-ended JSON on stdout), and {@code --match-replies} to show each request
 * with the reply that answered it.
 */
@Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Subscribe and print messages until --count is reached or the command is interrupted.")
public final class SubCommand implements Callable<Integer>, Console.User {
    /** How often the loop looks up from waiting, to notice an interrupt or a lost connection. */
    private static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject, wildcards allowed.")
    private String subject;

    @Option(names = "--queue", paramLabel = "GROUP", description = "Join this queue group.")
    private String queue;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Exit after N messages (default 0: run until interrupted).")
    private long count;

    @Option(names = {"-r", "--raw"}, description = "Print only the bodies, one a line.")
    private boolean raw;

    @Option(names = "--headers-only", description = "Print the headers, not the bodies.")
    private boolean headersOnly;

    @Option(names = "--headers", hidden = true, description = "Headers are always shown (kept for older scripts).")
    private boolean headers;

    @Option(names = "--dump", paramLabel = "DIRECTORY",
            description = "Write each message as JSON to DIRECTORY/N.json; - writes NUL-ended JSON to stdout.")
    private String dump;

    @Option(names = "--match-replies", description = "Show each request together with the reply that answered it.")
    private boolean matchReplies;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    /** What the dispatcher hands the command's thread: a message on the subject, or a reply on the inboxes. */
    private record Received(Message message, boolean isReply) {
    }

    @Override
    public Integer call() throws Exception {
        MessagePrinter printer = printer();
        boolean quiet = raw || dump != null;
        BlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
        try (Connection nc = Nats.connect(connection.jnats("wirehub sub").build())) {
            Dispatcher dispatcher = nc.createDispatcher();
            if (queue == null) {
                dispatcher.subscribe(subject, m -> arrivals.add(new Received(m, false)));
            } else {
                dispatcher.subscribe(subject, queue, m -> arrivals.add(new Received(m, false)));
            }
            String inboxes = connection.inboxPrefix() + ">";
            if (matchReplies) {
                dispatcher.subscribe(inboxes, m -> arrivals.add(new Received(m, true)));
            }
            nc.flush(connection.timeout());
            if (!quiet) {
                console.err().println("Subscribing on \"" + subject + "\"" + (queue == null ? "" : " in queue " + queue));
                if (matchReplies) {
                    console.err().println("Matching replies with inbox prefix " + inboxes);
                }
            }
            // Requests seen, by the reply subject they asked for, until their reply comes.
            Map<String, Map.Entry<Long, Message>> unanswered = new HashMap<>();
            long received = 0;
            long deadline = Long.MAX_VALUE;
            while (count == 0 || received < count || !unanswered.isEmpty()) {
                if (count > 0 && received >= count && deadline == Long.MAX_VALUE) {
                    // All counted: wait for the replies still owed, but not beyond the timeout.
                    deadline = System.nanoTime() + connection.timeout().toNanos();
                }
                if (System.nanoTime() > deadline) {
                    unanswered.values().forEach(request -> printer.print(request.getKey(), request.getValue(), null));
                    break;
                }
                Received arrival = arrivals.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (arrival == null) {
                    if (nc.getStatus() == Connection.Status.CLOSED) {
                        throw new UserFacingException("connection to " + connection.server() + " lost");
                    }
                } else if (arrival.isReply()) {
                    Map.Entry<Long, Message> request = unanswered.remove(arrival.message().getSubject());
                    if (request != null) {
                        printer.print(request.getKey(), request.getValue(), arrival.message());
                    }
                } else if (count == 0 || received < count) {
                    received++;
                    Message message = arrival.message();
                    if (matchReplies && message.getReplyTo() != null) {
                        unanswered.put(message.getReplyTo(), Map.entry(received, message));
                    } else {
                        printer.print(received, message, null);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }

    private MessagePrinter printer() throws java.io.IOException {
        if (dump != null) {
            java.nio.file.Path directory = null;
            if (!dump.equals("-")) {
                directory = java.nio.file.Files.createDirectories(java.nio.file.Path.of(dump));
            }
            return new MessagePrinter(console.out(), MessagePrinter.Format.DUMP, headersOnly, directory);
        }
        return new MessagePrinter(console.out(), raw ? MessagePrinter.Format.RAW : MessagePrinter.Format.PRETTY,
                headersOnly, null);
    }
}
