package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wirehub kv ...}: natscli's Key-Value verbs and flags, on jnats' KeyValue API, so a bucket
 * made here is one `nats kv` and every client read the same way.
 */
@Command(name = "kv", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Key-Value buckets (JetStream), as `nats kv`.",
        subcommands = {KvCommand.Add.class, KvCommand.Put.class, KvCommand.Get.class, KvCommand.Del.class,
                KvCommand.Purge.class, KvCommand.Ls.class, KvCommand.History.class, KvCommand.Watch.class,
                KvRevisionVerbs.Create.class, KvRevisionVerbs.Update.class, KvRevisionVerbs.Revert.class,
                KvRevisionVerbs.Compact.class})
public final class KvCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A kv verb: KV's operation names beside the shared connection and console. */
    abstract static class Verb extends StoreVerb {
        static String op(KeyValueOperation op) {
            return switch (op) {
                case PUT -> "PUT";
                case DELETE -> "DELETE";
                case PURGE -> "PURGE";
            };
        }
    }

    @Command(name = "add", aliases = "new", mixinStandardHelpOptions = true, description = "Adds a new KV Store Bucket")
    static final class Add extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Option(names = "--description", description = "A description for the bucket")
        String description;
        @Option(names = "--history", defaultValue = "1", description = "How many historic values to keep per key")
        int history;
        @Option(names = "--storage", defaultValue = "file", description = "Storage backend to use (file, memory)")
        String storage;
        @Option(names = "--ttl", converter = GoDurationConverter.class, description = "How long to keep values for")
        Duration ttl;
        @Option(names = "--replicas", defaultValue = "1", description = "How many replicas of the data to store")
        int replicas;
        @Option(names = "--max-value-size", paramLabel = "BYTES", description = "Maximum size for any single value")
        String maxValueSize;
        @Option(names = "--max-bucket-size", paramLabel = "BYTES", description = "Maximum size for the bucket")
        String maxBucketSize;

        @Override
        void run(Connection nc) throws Exception {
            if (history < 1 || history > 64) {
                throw new UserFacingException("--history must be between 1 and 64");
            }
            KeyValueConfiguration.Builder config = KeyValueConfiguration.builder().name(bucket)
                    .maxHistoryPerKey(history).replicas(replicas)
                    .storageType(storage.startsWith("m") ? StorageType.Memory : StorageType.File);
            if (description != null) {
                config.description(description);
            }
            if (ttl != null) {
                config.ttl(ttl);
            }
            if (maxValueSize != null) {
                config.maximumValueSize((int) StoreCommandSupport.parseSize(maxValueSize));
            }
            if (maxBucketSize != null) {
                config.maxBucketSize(StoreCommandSupport.parseSize(maxBucketSize));
            }
            KeyValueStatus status = nc.keyValueManagement().create(config.build());
            showStatus(out(), status);
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Puts a value into a key")
    static final class Put extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE",
                description = "The value to store, when empty reads STDIN")
        String value;

        @Override
        void run(Connection nc) throws Exception {
            byte[] bytes = value != null && !value.isEmpty() ? value.getBytes(StandardCharsets.UTF_8)
                    : console.in().readAllBytes();
            nc.keyValue(bucket).put(key, bytes);
            // natscli echoes the value argument (empty when it came from stdin).
            out().println(value == null ? "" : value);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Gets a value for a key")
    static final class Get extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Option(names = "--revision", description = "Gets a specific revision")
        long revision;
        @Option(names = "--raw", description = "Show only the value string")
        boolean raw;

        @Override
        void run(Connection nc) throws Exception {
            KeyValue kv = nc.keyValue(bucket);
            KeyValueEntry entry = revision > 0 ? kv.get(key, revision) : kv.get(key);
            if (entry == null) {
                throw new UserFacingException("nats: key not found");
            }
            byte[] value = entry.getValue() == null ? new byte[0] : entry.getValue();
            if (raw) {
                out().flush();
                console.out().write(value);
                console.out().flush();
                return;
            }
            out().printf("%s > %s revision: %d created @ %s%n%n", entry.getBucket(), entry.getKey(),
                    entry.getRevision(), StoreCommandSupport.time(entry.getCreated()));
            String shown = StoreCommandSupport.printable(value);
            if (shown.length() > 120) {
                out().printf("Showing first 120 bytes of %d, use --raw for full data%n%n", shown.length());
                shown = shown.substring(0, 120);
            }
            out().println(shown);
            out().println();
        }
    }

    @Command(name = "del", aliases = "rm", mixinStandardHelpOptions = true, description = "Deletes a key or the entire bucket")
    static final class Del extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Option(names = {"-f", "--force"}, description = "Act without confirmation")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            if (!force && !Confirm.ask(console, key == null ? "Delete bucket " + bucket + "?"
                    : "Delete key " + bucket + " > " + key + "?")) {
                out().println("Skipping delete");
                return;
            }
            if (key == null) {
                nc.keyValueManagement().delete(bucket);
            } else {
                nc.keyValue(bucket).delete(key);
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Deletes a key from the bucket, clearing history before creating a delete marker")
    static final class Purge extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Option(names = {"-f", "--force"}, description = "Act without confirmation")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            if (!force && !Confirm.ask(console, "Purge key " + bucket + " > " + key + "?")) {
                out().println("Skipping purge");
                return;
            }
            nc.keyValue(bucket).purge(key);
        }
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
            description = "List available buckets or the keys in a bucket")
    static final class Ls extends Verb {
        @Parameters(index = "0", arity = "0..1", paramLabel = "BUCKET", description = "The bucket to list the keys")
        String bucket;
        @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "The key filter")
        String key;
        @Option(names = {"-n", "--names"}, description = "Show just the bucket names")
        boolean names;

        @Override
        void run(Connection nc) throws Exception {
            if (bucket != null) {
                KeyValue kv = nc.keyValue(bucket);
                List<String> keys = key == null || key.isEmpty() ? kv.keys() : kv.keys(key);
                keys.forEach(out()::println);
                if (keys.isEmpty() && !names) {
                    out().println("No keys found in bucket");
                }
                return;
            }
            KeyValueManagement kvm = nc.keyValueManagement();
            List<KeyValueStatus> found = new ArrayList<>(kvm.getStatuses());
            if (names) {
                found.forEach(s -> out().println(s.getBucketName()));
                return;
            }
            if (found.isEmpty()) {
                out().println("No Key-Value buckets found");
                return;
            }
            found.sort(java.util.Comparator.comparingLong(KeyValueStatus::getByteCount));
            Table table = new Table("Key-Value Buckets", "Bucket", "Description", "Created", "Size", "Values");
            for (KeyValueStatus s : found) {
                table.row(s.getBucketName(), s.getDescription() == null ? "" : s.getDescription(),
                        StoreCommandSupport.time(s.getBackingStreamInfo().getCreateTime()),
                        StoreCommandSupport.bytes(s.getByteCount()), Long.toString(s.getEntryCount()));
            }
            out().println(table.render());
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Shows the full history for a key")
    static final class History extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "KEY", description = "The key to act on")
        String key;

        @Override
        void run(Connection nc) throws Exception {
            show(out(), bucket, key, nc.keyValue(bucket).history(key));
        }

        /** natscli's history table (also what revert prints after reverting). */
        static void show(PrintWriter out, String bucket, String key, List<KeyValueEntry> history) {
            Table table = new Table("History for " + bucket + " > " + key, "Key", "Revision", "Op", "Created",
                    "Length", "Value");
            for (KeyValueEntry e : history) {
                byte[] value = e.getValue() == null ? new byte[0] : e.getValue();
                table.row(e.getKey(), Long.toString(e.getRevision()), op(e.getOperation()),
                        StoreCommandSupport.time(e.getCreated()), Integer.toString(value.length), shorten(value));
            }
            out.println(table.render());
        }

        /** A value as natscli shows it in one cell: printable, the middle cut out beyond 40 characters. */
        static String shorten(byte[] value) {
            String shown = StoreCommandSupport.printable(value);
            return shown.length() > 40 ? shown.substring(0, 15) + "..." + shown.substring(shown.length() - 15) : shown;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Watch the bucket or a specific key for updated")
    static final class Watch extends Verb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", arity = "0..1", defaultValue = ">", paramLabel = "KEY", description = "The key to act on")
        String key;
        @Option(names = "--history", description = "Includes historic values")
        boolean history;
        @Option(names = "--deletes", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Includes deletes in watched values")
        boolean deletes;
        @Option(names = "--updates", description = "Only show new values written")
        boolean updates;
        @Option(names = "--revision", description = "Starts from a certain revision")
        long revision;
        /** Not in natscli: stop after this many entries (scripts and tests); 0 watches until interrupted. */
        @Option(names = "--count", hidden = true, defaultValue = "0")
        int count;

        @Override
        void run(Connection nc) throws Exception {
            List<KeyValueWatchOption> options = new ArrayList<>();
            if (!deletes) {
                options.add(KeyValueWatchOption.IGNORE_DELETE);
            }
            if (history) {
                options.add(KeyValueWatchOption.INCLUDE_HISTORY);
            }
            if (updates) {
                options.add(KeyValueWatchOption.UPDATES_ONLY);
            }
            java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(
                    count > 0 ? count : 1);
            PrintWriter out = out();
            KeyValueWatcher watcher = new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry e) {
                    synchronized (out) {
                        if (e.getOperation() == KeyValueOperation.PUT) {
                            out.printf("[%s] %s %s > %s: %s%n", StoreCommandSupport.time(e.getCreated()), "PUT",
                                    e.getBucket(), e.getKey(), new String(e.getValue() == null ? new byte[0]
                                            : e.getValue(), StandardCharsets.UTF_8));
                        } else {
                            out.printf("[%s] %s %s > %s%n", StoreCommandSupport.time(e.getCreated()),
                                    op(e.getOperation()), e.getBucket(), e.getKey());
                        }
                        out.flush();
                    }
                    if (count > 0) {
                        enough.countDown();
                    }
                }

                @Override
                public void endOfData() {
                }
            };
            KeyValue kv = nc.keyValue(bucket);
            KeyValueWatchOption[] opts = options.toArray(KeyValueWatchOption[]::new);
            var subscription = revision > 0 ? kv.watch(key, watcher, revision, opts) : kv.watch(key, watcher, opts);
            try {
                enough.await();
            } finally {
                subscription.unsubscribe();
            }
        }
    }

    static void showStatus(PrintWriter out, KeyValueStatus status) {
        var info = status.getBackingStreamInfo();
        var config = info.getConfiguration();
        out.println("Information for Key-Value Store Bucket " + status.getBucketName() + " created "
                + StoreCommandSupport.time(info.getCreateTime()));
        out.println();
        out.println("Configuration:");
        out.println();
        Table.columns(out, List.of(
                new String[] {"Bucket Name", status.getBucketName()},
                new String[] {"History Kept", Long.toString(status.getMaxHistoryPerKey())},
                new String[] {"Values Stored", Long.toString(status.getEntryCount())},
                new String[] {"Compressed", Boolean.toString(status.isCompressed())},
                new String[] {"Backing Store Kind", status.getBackingStore()},
                new String[] {"Description", status.getDescription() == null ? "" : status.getDescription()},
                new String[] {"Bucket Size", StoreCommandSupport.bytes(status.getByteCount())},
                new String[] {"Maximum Bucket Size", config.getMaxBytes() < 0 ? "unlimited"
                        : StoreCommandSupport.bytes(config.getMaxBytes())},
                new String[] {"Maximum Value Size", config.getMaximumMessageSize() < 0 ? "unlimited"
                        : StoreCommandSupport.bytes(config.getMaximumMessageSize())},
                new String[] {"Maximum Age", config.getMaxAge() == null || config.getMaxAge().isZero() ? "unlimited"
                        : config.getMaxAge().toString()},
                new String[] {"JetStream Stream", config.getName()},
                new String[] {"Storage", config.getStorageType() == StorageType.Memory ? "Memory" : "File"}));
    }
}
