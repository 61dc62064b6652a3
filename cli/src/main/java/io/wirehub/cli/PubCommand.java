package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.wirehub.cli.messaging.HeaderArguments;
import io.wirehub.cli.messaging.MessageBody;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirehub pub SUBJECT [BODY]}: publishes, as {@code nats pub} does. */
@Command(name = "pub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Publish a message. The body is read from stdin when not given.",
                "Templates in the body, as natscli's: {{Count}}, {{ID}}, {{Unix}}, {{UnixNano}}, {{TimeStamp}},"
                        + " {{Time}}, {{Random MIN MAX}}."})
public final class PubCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to publish to.")
    private String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BODY", description = "Message body (default: stdin).")
    private String body;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Publish N messages (default 1).")
    private long count;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE", description = "Add a header (repeatable).")
    private List<String> headers;

    @Option(names = "--reply", paramLabel = "SUBJECT", description = "Reply subject to send with the message.")
    private String reply;

    @Option(names = "--sleep", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Wait this long between messages (with --count).")
    private java.time.Duration sleep;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new UserFacingException("--count must be at least 1");
        }
        MessageBody template = MessageBody.of(body, console.in());
        if (template.templateError() != null) {
            console.err().println("Could not parse body template: " + template.templateError());
        }
        Headers headerValues = HeaderArguments.parse(headers);
        long bytes = 0;
        try (Connection nc = Nats.connect(connection.jnats("wirehub pub").build())) {
            for (long i = 1; i <= count; i++) {
                byte[] data = template.render(i);
                nc.publish(subject, reply, headerValues, data);
                bytes += data.length;
                if (sleep != null && !sleep.isZero() && i < count) {
                    Thread.sleep(sleep); // pacing asked for by the user, not synchronisation
                }
            }
            nc.flush(connection.timeout());
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        console.err().println(count == 1 ? "Published " + bytes + " bytes to \"" + subject + "\""
                : "Published " + count + " messages (" + bytes + " bytes) to \"" + subject + "\"");
        return ExitCodes.OK;
    }
}
