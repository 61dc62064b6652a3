package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.cli.messaging.MessageBody;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub reply SUBJECT [BODY]}: answers requests, as {@code nats reply} does: with a
 * fixed body ({@code {{Count}}} and friends filled in), the request's own body ({@code --echo}),
 * or what a command prints when given the request on stdin ({@code --command}). Responders share
 * the queue group {@code NATS-RPLY-22}, so several can run side by side.
 */
@Command(name = "reply", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Answer requests on a subject until --count is reached or the command is interrupted.")
public final class ReplyCommand implements Callable<Integer>, Console.User {
    private static final String QUEUE = "NATS-RPLY-22";
    private static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to answer on.")
    private String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BODY", description = "Reply body.")
    private String body;

    @Option(names = "--echo", description = "Reply with the request's own body.")
    private boolean echo;

    @Option(names = "--command", paramLabel = "PROGRAM",
            description = "Run PROGRAM (with sh -c) for each request: the request body on its stdin, its stdout the reply.")
    private String command;

    @Option(names = "--queue", paramLabel = "GROUP", defaultValue = QUEUE,
            description = "Queue group (default ${DEFAULT-VALUE}).")
    private String queue;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Exit after answering N requests (default 0: run until interrupted).")
    private long count;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        int modes = (echo ? 1 : 0) + (command != null ? 1 : 0) + (body != null ? 1 : 0);
        if (modes != 1) {
            throw new UserFacingException("give exactly one of BODY, --echo or --command");
        }
        MessageBody fixed = body == null ? null : MessageBody.of(body, console.in());
        try (Connection nc = Nats.connect(connection.jnats("wirehub reply").build())) {
            Subscription sub = nc.subscribe(subject, queue);
            nc.flush(connection.timeout());
            console.err().println("Listening on \"" + subject + "\" in group \"" + queue + "\"");
            long answered = 0;
            while (count == 0 || answered < count) {
                Message request = sub.nextMessage(POLL);
                if (request == null) {
                    if (nc.getStatus() == Connection.Status.CLOSED) {
                        throw new UserFacingException("connection to " + connection.server() + " lost");
                    }
                    continue;
                }
                answered++;
                console.err().println("[#" + answered + "] Received on \"" + request.getSubject() + "\"");
                if (request.getReplyTo() == null) {
                    continue; // a plain publish: nobody to answer
                }
                byte[] data = echo ? request.getData() : fixed != null ? fixed.render(answered) : run(request.getData());
                nc.publish(request.getReplyTo(), data);
            }
            nc.flush(connection.timeout());
        } catch (IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }

    /** The command's stdout for this request; its failure is reported in the reply, not fatal. */
    private byte[] run(byte[] request) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(request == null ? new byte[0] : request);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(connection.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        return output;
    }
}
