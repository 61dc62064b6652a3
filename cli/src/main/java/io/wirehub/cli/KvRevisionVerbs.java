package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * natscli's kv verbs that write only against a revision ({@code create}, {@code update},
 * {@code revert}) or clean up after deletes ({@code compact}): the same arguments, flags, output
 * and exit codes as {@code nats kv}, on jnats' KeyValue API.
 */
final class KvRevisionVerbs {
    /** The JetStream error a publish with a stale expected last subject sequence gets. */
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private KvRevisionVerbs() {
    }

    /** natscli reads the value from stdin when the argument is empty. */
    private static byte[] valueOrStdin(String value, Console console) throws java.io.IOException {
        return value != null && !value.isEmpty() ? value.getBytes(StandardCharsets.UTF_8) : console.in().readAllBytes();
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Puts a value into a key only if the key is new or it's last operation was a delete")
    static final class Create extends KvCommand.Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE",
                description = "The value to store, when empty reads STDIN")
        String value;

        @Override
        void run(Connection nc) throws Exception {
            byte[] bytes = valueOrStdin(value, console);
            try {
                // jnats, as the Go client, also creates over a key whose last operation was a delete or purge.
                nc.keyValue(bucket).create(key, bytes);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                    throw new UserFacingException("nats: key exists", e);
                }
                throw e;
            }
            out().println(value == null ? "" : value);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Updates a key with a new value if the previous value matches the given revision")
    static final class Update extends KvCommand.Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Parameters(index = "2", paramLabel = "VALUE", description = "The value to store")
        String value;
        @Parameters(index = "3", paramLabel = "REVISION", description = "The revision of the previous value in the bucket")
        long revision;

        @Override
        void run(Connection nc) throws Exception {
            // A stale revision ends with the server's text: wrong last sequence: N (10071).
            nc.keyValue(bucket).update(key, valueOrStdin(value, console), revision);
            out().println(value);
        }
    }

    @Command(name = "revert", mixinStandardHelpOptions = true,
            description = "Reverts a value to a previous revision using put")
    static final class Revert extends KvCommand.Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Parameters(index = "2", paramLabel = "REVISION", description = "The revision to revert to")
        long revision;
        /** natscli's revert has no -f, unlike del, purge and compact. */
        @Option(names = "--force", description = "Force reverting without prompting")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            KeyValue kv = nc.keyValue(bucket);
            List<KeyValueEntry> history = kv.history(key);
            if (history.size() <= 1) {
                throw new UserFacingException("cannot revert key in a bucket where history=1");
            }
            KeyValueEntry target = kv.get(key, revision);
            if (target == null) {
                throw new UserFacingException("nats: key not found");
            }
            byte[] value = target.getValue() == null ? new byte[0] : target.getValue();
            if (!force) {
                out().printf("Revision: %d%n%n%s%n%n", target.getRevision(), KvCommand.History.shorten(value));
                out().flush();
                if (!Confirm.ask(console, "Really revert to revision " + revision)) {
                    return;
                }
            }
            // An update against the latest revision, not a put: a write in between makes it fail.
            kv.update(key, value, history.getLast().getRevision());
            KvCommand.History.show(out(), bucket, key, kv.history(key));
        }
    }

    @Command(name = "compact", mixinStandardHelpOptions = true, description = "Reclaim space used by deleted keys")
    static final class Compact extends KvCommand.Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Option(names = {"-f", "--force"}, description = "Act without confirmation")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            KeyValue kv = nc.keyValue(bucket);
            if (!force && !Confirm.ask(console, "Purge all historic values and audit trails for deleted keys in bucket "
                    + bucket + "?")) {
                out().println("Skipping delete");
                return;
            }
            // As the Go client's PurgeDeletes: markers older than 30 minutes go, newer ones stay alone.
            kv.purgeDeletes();
        }
    }
}
