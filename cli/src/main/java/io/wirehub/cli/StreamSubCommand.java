package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.client.stream.StreamReader;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirehub stream sub SUBJECT > output}: receives one stream to stdout; exits 0 only when it ended verified. */
@Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Wait on SUBJECT for one `wirehub stream pub` and write its bytes, in order, to stdout.")
public final class StreamSubCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private StreamOptionsMixin stream;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject to wait on.")
    private String subject;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub stream sub")) {
            StreamReader.Result result = StreamReader.copy(nc, subject, console.out(),
                    stream.options(connection.timeout()));
            console.out().flush();
            console.err().println("Received " + result.bytes() + " bytes in " + result.chunks() + " chunks");
            console.err().println("SHA-256 " + result.sha256());
        } catch (IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
