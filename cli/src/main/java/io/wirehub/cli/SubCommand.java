package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.cli.messaging.MessagePrinter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirehub sub SUBJECT}: prints messages as they arrive, as {@code nats sub} does. */
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

    @Option(names = "--raw", description = "Print only the bodies, one a line.")
    private boolean raw;

    @Option(names = "--headers", description = "Print the headers of each message.")
    private boolean headers;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        MessagePrinter printer = new MessagePrinter(console.out(), raw, headers);
        try (Connection nc = Nats.connect(connection.jnats("wirehub sub").build())) {
            Subscription sub = queue == null ? nc.subscribe(subject) : nc.subscribe(subject, queue);
            nc.flush(connection.timeout());
            if (!raw) {
                console.err().println("Subscribing on \"" + subject + "\"" + (queue == null ? "" : " in queue " + queue));
            }
            long received = 0;
            while (count == 0 || received < count) {
                Message message = sub.nextMessage(POLL);
                if (message != null) {
                    printer.print(++received, message);
                } else if (nc.getStatus() == Connection.Status.CLOSED) {
                    throw new UserFacingException("connection to " + connection.server() + " lost");
                }
            }
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }
}
