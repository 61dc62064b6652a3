package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.JetStreamStatusException;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsRequestCompletableFuture;
import io.wirehub.cli.messaging.HeaderArguments;
import io.wirehub.cli.messaging.MessageBody;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub req SUBJECT [BODY]}: sends a request and prints the reply's body to stdout (the
 * round trip on stderr). No responders, or no reply within --timeout, is an error: exit 1.
 */
@Command(name = "req", aliases = "request", mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class,
        description = "Send a request and print the reply. The body is read from stdin when not given.")
public final class ReqCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to send the request to.")
    private String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BODY", description = "Request body (default: stdin).")
    private String body;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE", description = "Add a header (repeatable).")
    private List<String> headers;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        byte[] data = MessageBody.of(body, console.in()).render(1);
        Headers headerValues = HeaderArguments.parse(headers);
        try (Connection nc = Nats.connect(connection.jnats("wirehub req").build())) {
            long started = System.nanoTime();
            CompletableFuture<Message> reply = nc.requestWithTimeout(subject, headerValues, data, connection.timeout());
            Message message;
            try {
                message = reply.get(connection.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            } catch (java.util.concurrent.CancellationException e) {
                // jnats cancels the request for no responders, a timeout or a closing connection.
                boolean timedOut = reply instanceof NatsRequestCompletableFuture f && f.wasCancelledTimedOut();
                boolean closing = reply instanceof NatsRequestCompletableFuture f && f.wasCancelledClosing();
                throw timedOut ? timeout() : closing
                        ? new UserFacingException("connection to " + connection.server() + " closed during the request")
                        : new UserFacingException("no responders on \"" + subject + "\"");
            } catch (TimeoutException e) {
                throw timeout();
            }
            if (message.isStatusMessage() && message.getStatus().getCode() == 503) {
                throw new UserFacingException("no responders on \"" + subject + "\"");
            }
            double millis = (System.nanoTime() - started) / 1e6;
            console.err().printf(java.util.Locale.ROOT, "Received with rtt %.3f ms%n", millis);
            console.out().write(message.getData() == null ? new byte[0] : message.getData());
            console.out().write('\n');
            console.out().flush();
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }

    private UserFacingException timeout() {
        return new UserFacingException("no reply on \"" + subject + "\" within " + connection.timeout().toMillis() + " ms");
    }

    private UserFacingException failure(Throwable cause) {
        String text = String.valueOf(cause);
        if (cause instanceof JetStreamStatusException || text.contains("503") || text.contains("No Responders")) {
            return new UserFacingException("no responders on \"" + subject + "\"");
        }
        if (cause instanceof java.util.concurrent.CancellationException || text.contains("Timeout")
                || text.contains("timed out")) {
            return timeout();
        }
        return new UserFacingException("request on \"" + subject + "\" failed: " + text, cause);
    }
}
