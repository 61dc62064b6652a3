package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreStatus;
import io.nats.client.api.ObjectStoreWatchOption;
import io.nats.client.api.ObjectStoreWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wirehub object ...}: natscli's Object Store verbs and flags on jnats' ObjectStore API; an
 * object put here is read by `nats object get` and any client's ObjectStore, and the other way round.
 */
@Command(name = "object", aliases = "obj", mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class,
        description = "Object Store buckets (JetStream), as `nats object`.",
        subcommands = {ObjectCommand.Add.class, ObjectCommand.Put.class, ObjectCommand.Get.class,
                ObjectCommand.Ls.class, ObjectCommand.Info.class, ObjectCommand.Del.class, ObjectCommand.Watch.class,
                ObjectCommand.Seal.class})
public final class ObjectCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a new Object Store Bucket")
    static final class Add extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Option(names = "--ttl", converter = GoDurationConverter.class, description = "How long to keep objects for")
        Duration ttl;
        @Option(names = "--replicas", defaultValue = "1", description = "How many replicas of the data to store")
        int replicas;
        @Option(names = "--max-bucket-size", paramLabel = "BYTES", description = "Maximum size for the bucket")
        String maxBucketSize;
        @Option(names = "--description", description = "A description for the bucket")
        String description;
        @Option(names = "--storage", defaultValue = "file", description = "Storage backend to use (file, memory)")
        String storage;

        @Override
        void run(Connection nc) throws Exception {
            ObjectStoreConfiguration.Builder config = ObjectStoreConfiguration.builder().name(bucket)
                    .replicas(replicas).storageType(storage.startsWith("m") ? StorageType.Memory : StorageType.File);
            if (ttl != null) {
                config.ttl(ttl);
            }
            if (maxBucketSize != null) {
                config.maxBucketSize(StoreCommandSupport.parseSize(maxBucketSize));
            }
            if (description != null) {
                config.description(description);
            }
            showBucket(out(), nc.objectStoreManagement().create(config.build()));
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Puts a file into the store")
    static final class Put extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The file to put")
        Path file;
        @Option(names = "--name", description = "Override the name supplied to the object store")
        String name;
        @Option(names = "--description", description = "Sets an optional description for the object")
        String description;
        @Option(names = {"-H", "--header"}, description = "Adds headers to the object using K:V format")
        List<String> headers = new ArrayList<>();
        @Option(names = "--chunk-size", description = "Sets the chunk size for the file")
        Integer chunkSize;
        @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Disable progress bars")
        boolean progress;
        @Option(names = {"-f", "--force"}, description = "Act without confirmation")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            String objectName = name != null && !name.isEmpty() ? name : file == null ? null : file.toString();
            if (objectName == null) {
                throw new UserFacingException("--name is required when reading from stdin");
            }
            objectName = Path.of(objectName).normalize().toString();
            ObjectStore os = nc.objectStore(bucket);
            ObjectInfo existing = os.getInfo(objectName);
            if (existing != null && !force) {
                showObject(out(), existing);
                out().println();
                out().flush();
                if (!Confirm.ask(console, "Replace existing file " + bucket + " > " + objectName)) {
                    return;
                }
            }
            Headers objectHeaders = new Headers();
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new UserFacingException("invalid header \"" + h + "\", expected K:V");
                }
                objectHeaders.add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
            ObjectMeta.Builder meta = ObjectMeta.builder(objectName).description(description)
                    .headers(objectHeaders.isEmpty() ? null : objectHeaders);
            if (chunkSize != null) {
                meta.chunkSize(chunkSize);
            }
            ObjectInfo info;
            try (InputStream in = file == null ? console.in() : Files.newInputStream(file)) {
                info = os.put(meta.build(), in);
            }
            out().println();
            showObject(out(), info);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Retrieves a file from the store")
    static final class Get extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", paramLabel = "FILE", description = "The file to retrieve")
        String file;
        @Option(names = {"-O", "--output"}, description = "Override the output file name")
        Path output;
        @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Disable progress bars")
        boolean progress;
        @Option(names = {"-f", "--force"}, description = "Act without confirmation")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            ObjectStore os = nc.objectStore(bucket);
            ObjectInfo info = os.getInfo(file, true);
            if (info == null) {
                throw new UserFacingException("nats: object not found");
            }
            if (info.isDeleted()) {
                throw new UserFacingException("file has been deleted");
            }
            Path target = (output != null ? output : Path.of(Path.of(info.getObjectName()).getFileName().toString()))
                    .toAbsolutePath();
            if (!force && Files.exists(target) && !Confirm.ask(console, "Replace existing target file " + target)) {
                return;
            }
            // Written beside the target and moved in only once the digest matched, so a failed get
            // never leaves a file that looks complete.
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            long start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(partial)) {
                os.get(file, out);
            } catch (Exception e) {
                Files.deleteIfExists(partial);
                throw new UserFacingException(bucket + " > " + file + ": "
                        + StoreCommandSupport.failure(e).getMessage(), e);
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            out().printf("Wrote: %s to %s in %s%n", StoreCommandSupport.bytes(Files.size(target)), target,
                    elapsed.toMillis() + "ms");
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List buckets or contents of a specific bucket")
    static final class Ls extends StoreVerb {
        @Parameters(index = "0", arity = "0..1", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Option(names = {"-n", "--names"}, description = "When listing buckets, show just the bucket names")
        boolean names;

        @Override
        void run(Connection nc) throws Exception {
            if (bucket == null) {
                List<ObjectStoreStatus> buckets = nc.objectStoreManagement().getStatuses();
                if (names) {
                    buckets.forEach(b -> out().println(b.getBucketName()));
                    return;
                }
                if (buckets.isEmpty()) {
                    out().println("No Object Store buckets found");
                    return;
                }
                Table table = new Table("Object Store Buckets", "Bucket", "Description", "Created", "Size");
                for (ObjectStoreStatus b : buckets) {
                    table.row(b.getBucketName(), b.getDescription() == null ? "" : b.getDescription(),
                            StoreCommandSupport.time(b.getBackingStreamInfo().getCreateTime()),
                            StoreCommandSupport.bytes(b.getSize()));
                }
                out().println(table.render());
                return;
            }
            List<ObjectInfo> contents = nc.objectStore(bucket).getList();
            if (names) {
                contents.forEach(i -> out().println(i.getObjectName()));
                return;
            }
            if (contents.isEmpty()) {
                out().println("No entries found");
                return;
            }
            Table table = new Table("Bucket Contents", "Name", "Size", "Time");
            for (ObjectInfo i : contents) {
                table.row(i.getObjectName(), StoreCommandSupport.bytes(i.getSize()),
                        StoreCommandSupport.time(i.getModified()));
            }
            out().println(table.render());
        }
    }

    @Command(name = "info", aliases = {"show", "i"}, mixinStandardHelpOptions = true,
            description = "Get information about a bucket or object")
    static final class Info extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The file to retrieve")
        String file;

        @Override
        void run(Connection nc) throws Exception {
            ObjectStore os = nc.objectStore(bucket);
            if (file == null) {
                showBucket(out(), os.getStatus());
                return;
            }
            ObjectInfo info = os.getInfo(file);
            if (info == null) {
                throw new UserFacingException("nats: object not found");
            }
            showObject(out(), info);
        }
    }

    @Command(name = "del", aliases = "rm", mixinStandardHelpOptions = true,
            description = "Deletes a file or bucket from the store")
    static final class Del extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The file to delete")
        String file;
        @Option(names = {"-f", "--force"}, description = "Act without confirmation")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            if (file == null) {
                if (!force && !Confirm.ask(console, "Delete bucket " + bucket + " and all its files?")) {
                    out().println("Skipping delete");
                    return;
                }
                nc.objectStoreManagement().delete(bucket);
                return;
            }
            ObjectStore os = nc.objectStore(bucket);
            if (!force) {
                ObjectInfo info = os.getInfo(file);
                if (info == null) {
                    throw new UserFacingException("nats: object not found");
                }
                if (!Confirm.ask(console, "Delete " + StoreCommandSupport.bytes(info.getSize()) + " byte file "
                        + bucket + " > " + file + "?")) {
                    out().println("Skipping delete");
                    return;
                }
            }
            os.delete(file);
            out().printf("Removed %s > %s%n", bucket, file);
            showBucket(out(), os.getStatus());
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true, description = "Seals a bucket preventing further updates")
    static final class Seal extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        @Option(names = {"-f", "--force"}, description = "Force sealing without prompting")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            if (!force && !Confirm.ask(console, "Really seal Bucket " + bucket
                    + ", sealed buckets can not be unsealed or modified")) {
                return;
            }
            ObjectStoreStatus status = nc.objectStore(bucket).seal();
            out().printf("%s has been sealed%n", bucket);
            showBucket(out(), status);
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Watch a bucket for changes")
    static final class Watch extends StoreVerb {
        @Parameters(index = "0", paramLabel = "BUCKET", description = "The bucket to act on")
        String bucket;
        /** Not in natscli: stop after this many changes (scripts and tests); 0 watches until interrupted. */
        @Option(names = "--count", hidden = true, defaultValue = "0")
        int count;

        @Override
        void run(Connection nc) throws Exception {
            CountDownLatch enough = new CountDownLatch(count > 0 ? count : 1);
            PrintWriter out = out();
            ObjectStoreWatcher watcher = new ObjectStoreWatcher() {
                @Override
                public void watch(ObjectInfo i) {
                    synchronized (out) {
                        if (i.isDeleted()) {
                            out.printf("[%s] DEL %s > %s%n", StoreCommandSupport.time(i.getModified()),
                                    i.getBucket(), i.getObjectName());
                        } else {
                            out.printf("[%s] PUT %s > %s: %s bytes in %d chunks%n",
                                    StoreCommandSupport.time(i.getModified()), i.getBucket(), i.getObjectName(),
                                    StoreCommandSupport.bytes(i.getSize()), i.getChunks());
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
            var subscription = nc.objectStore(bucket).watch(watcher, ObjectStoreWatchOption.INCLUDE_HISTORY);
            try {
                enough.await();
            } finally {
                subscription.unsubscribe();
            }
        }
    }

    static void showObject(PrintWriter out, ObjectInfo info) {
        out.println("Object information for " + info.getBucket() + " > " + info.getObjectName());
        out.println();
        String digest = info.getDigest() == null ? "" : info.getDigest();
        String[] parts = digest.split("=", 2);
        String shown = parts.length == 2
                ? parts[0] + " " + HexFormat.of().formatHex(Base64.getUrlDecoder().decode(parts[1])) : digest;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Description", info.getDescription()});
        rows.add(new String[] {"Size", StoreCommandSupport.bytes(info.getSize())});
        rows.add(new String[] {"Modification Time", StoreCommandSupport.time(info.getModified())});
        rows.add(new String[] {"Chunks", Long.toString(info.getChunks())});
        rows.add(new String[] {"Digest", shown});
        rows.add(new String[] {"Deleted", info.isDeleted() ? "true" : ""});
        Headers headers = info.getHeaders();
        if (headers != null && !headers.isEmpty()) {
            List<String> values = new ArrayList<>();
            headers.forEach((k, v) -> v.forEach(x -> values.add(k + ": " + x)));
            rows.add(new String[] {"Headers", String.join(", ", values)});
        }
        Table.columns(out, rows);
    }

    static void showBucket(PrintWriter out, ObjectStoreStatus status) {
        out.println("Information for Object Store Bucket " + status.getBucketName() + " created "
                + StoreCommandSupport.time(status.getBackingStreamInfo().getCreateTime()));
        out.println();
        out.println("Configuration:");
        out.println();
        Table.columns(out, List.of(
                new String[] {"Bucket Name", status.getBucketName()},
                new String[] {"Description", status.getDescription() == null ? "" : status.getDescription()},
                new String[] {"Replicas", Integer.toString(status.getReplicas())},
                new String[] {"TTL", status.getTtl() == null || status.getTtl().isZero() ? "unlimited"
                        : status.getTtl().toString()},
                new String[] {"Sealed", Boolean.toString(status.isSealed())},
                new String[] {"Size", StoreCommandSupport.bytes(status.getSize())},
                new String[] {"Maximum Bucket Size", status.getMaxBucketSize() < 0 ? "unlimited"
                        : StoreCommandSupport.bytes(status.getMaxBucketSize())},
                new String[] {"Backing Store Kind", status.getBackingStore()},
                new String[] {"JetStream Stream", status.getBackingStreamInfo().getConfiguration().getName()}));
    }
}
