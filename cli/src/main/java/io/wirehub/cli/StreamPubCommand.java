package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.client.stream.StreamWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirehub stream pub SUBJECT < input}: sends stdin to the reader on SUBJECT, ending verified. */
@Command(name = "pub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Send stdin as an ordered stream to the `wirehub stream sub` waiting on SUBJECT.")
public final class StreamPubCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private StreamOptionsMixin stream;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject the reader waits on.")
    private String subject;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub stream pub")) {
            StreamWriter writer = StreamWriter.open(nc, subject, stream.options(connection.timeout()));
            InputStream in = console.in();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                writer.write(buffer, 0, n);
            }
            writer.close();
            console.err().println("Sent " + writer.bytes() + " bytes on \"" + subject + "\", confirmed by the reader");
        } catch (IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
