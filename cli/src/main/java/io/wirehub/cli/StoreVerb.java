package io.wirehub.cli;

import io.nats.client.Connection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What every kv and object verb needs: a connection, the console, store failures as one line. */
abstract class StoreVerb implements Callable<Integer>, Console.User {
    @Mixin
    ConnectionOptions connection;

    Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        try (Connection nc = StoreCommandSupport.connect(connection, "wirehub")) {
            run(nc);
        } catch (UserFacingException e) {
            throw e;
        } catch (Exception e) {
            throw StoreCommandSupport.failure(e);
        } finally {
            console.text().flush();
        }
        return ExitCodes.OK;
    }

    PrintWriter out() {
        return console.text();
    }

    abstract void run(Connection nc) throws Exception;
}
