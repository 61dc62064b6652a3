package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.WirehubTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirehub kv} and {@code wirehub object}, with what they write read back by jnats (and the other way round). */
@WirehubTest(jetstream = true)
class StoreCommandsTest {

    @Test
    void kvVerbsWorkOnABucketJnatsSees(Wirehub server) throws Exception {
        String s = server.clientUrl();
        CommandRun add = CommandRun.of("kv", "add", "-s", s, "cfg", "--history", "5", "--description", "app config");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Information for Key-Value Store Bucket cfg created")
                .contains("History Kept: 5").contains("Description: app config");

        assertThat(CommandRun.of("kv", "put", "-s", s, "cfg", "color", "red").out()).isEqualTo("red\n");
        assertThat(CommandRun.withInput("blue", "kv", "put", "-s", s, "cfg", "color").exitCode()).isZero();

        try (Connection nc = Nats.connect(s)) {
            KeyValueEntry fromJnats = nc.keyValue("cfg").get("color");
            assertThat(fromJnats.getValueAsString()).as("read from stdin").isEqualTo("blue");
            nc.keyValue("cfg").put("size", "L");
        }
        CommandRun get = CommandRun.of("kv", "get", "-s", s, "cfg", "color");
        assertThat(get.out()).startsWith("cfg > color revision: 2 created @ ").endsWith("\n\nblue\n\n");
        assertThat(CommandRun.of("kv", "get", "-s", s, "cfg", "color", "--revision", "1", "--raw").out())
                .isEqualTo("red");
        assertThat(CommandRun.of("kv", "get", "-s", s, "cfg", "size", "--raw").out()).as("put by jnats")
                .isEqualTo("L");

        assertThat(CommandRun.of("kv", "ls", "-s", s, "cfg").out()).contains("color\n").contains("size\n");
        assertThat(CommandRun.of("kv", "ls", "-s", s, "--names").out()).isEqualTo("cfg\n");
        CommandRun history = CommandRun.of("kv", "history", "-s", s, "cfg", "color");
        assertThat(history.out()).contains("History for cfg > color").contains("red").contains("blue")
                .contains("PUT");

        assertThat(CommandRun.of("kv", "del", "-s", s, "cfg", "size", "-f").exitCode()).isZero();
        CommandRun missing = CommandRun.of("kv", "get", "-s", s, "cfg", "size");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("wirehub: nats: key not found\n");
        assertThat(CommandRun.of("kv", "purge", "-s", s, "cfg", "color", "-f").exitCode()).isZero();
        CommandRun watch = CommandRun.of("kv", "watch", "-s", s, "cfg", "--count", "2");
        assertThat(watch.out()).contains(" DELETE cfg > size").contains(" PURGE cfg > color");
        CommandRun declined = CommandRun.withInput("n\n", "kv", "rm", "-s", s, "cfg");
        assertThat(declined.out()).isEqualTo("Skipping delete\n");
        assertThat(CommandRun.of("kv", "rm", "-s", s, "cfg", "-f").exitCode()).isZero();
        assertThat(CommandRun.of("kv", "ls", "-s", s).out()).isEqualTo("No Key-Value buckets found\n");

        CommandRun badName = CommandRun.of("kv", "add", "-s", s, "a.b");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).startsWith("wirehub: ").contains("Bucket Name").doesNotContain("\tat ");
        CommandRun noBucket = CommandRun.of("kv", "get", "-s", s, "nothere", "k");
        assertThat(noBucket.exitCode()).isEqualTo(1);
        assertThat(noBucket.err()).isEqualTo("wirehub: stream not found (10059)\n");
    }

    @Test
    void kvCreateUpdateRevertAndCompactWriteAgainstRevisionsAsNatscli(Wirehub server) throws Exception {
        String s = server.clientUrl();
        assertThat(CommandRun.of("kv", "add", "-s", s, "rev", "--history", "5").exitCode()).isZero();

        assertThat(CommandRun.of("kv", "create", "-s", s, "rev", "k", "one").out()).isEqualTo("one\n");
        CommandRun again = CommandRun.of("kv", "create", "-s", s, "rev", "k", "two");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("wirehub: nats: key exists\n");

        CommandRun stale = CommandRun.of("kv", "update", "-s", s, "rev", "k", "two", "7");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).isEqualTo("wirehub: wrong last sequence: 1 (10071)\n");
        assertThat(CommandRun.of("kv", "update", "-s", s, "rev", "k", "two", "1").out()).isEqualTo("two\n");

        CommandRun declined = CommandRun.withInput("n\n", "kv", "revert", "-s", s, "rev", "k", "1");
        assertThat(declined.exitCode()).isZero();
        assertThat(declined.out()).isEqualTo("Revision: 1\n\none\n\n");
        CommandRun revert = CommandRun.of("kv", "revert", "-s", s, "rev", "k", "1", "--force");
        assertThat(revert.exitCode()).as(revert.err()).isZero();
        assertThat(revert.out()).contains("History for rev > k").contains("│ k   │ 3 ");
        CommandRun missingRevision = CommandRun.of("kv", "revert", "-s", s, "rev", "k", "99", "--force");
        assertThat(missingRevision.err()).isEqualTo("wirehub: nats: key not found\n");

        try (Connection nc = Nats.connect(s)) {
            assertThat(nc.keyValue("rev").get("k").getValueAsString()).as("reverted, read by jnats").isEqualTo("one");
            assertThat(nc.keyValue("rev").get("k").getRevision()).isEqualTo(3);
            nc.keyValue("rev").delete("k");
        }
        assertThat(CommandRun.of("kv", "create", "-s", s, "rev", "k", "back").exitCode()).as("over a delete").isZero();

        try (Connection nc = Nats.connect(s)) {
            nc.keyValue("rev").put("gone", "x");
            nc.keyValue("rev").delete("gone");
            assertThat(CommandRun.withInput("n\n", "kv", "compact", "-s", s, "rev").out())
                    .isEqualTo("Skipping delete\n");
            assertThat(nc.keyValue("rev").history("gone")).hasSize(2);
            assertThat(CommandRun.of("kv", "compact", "-s", s, "rev", "-f").exitCode()).isZero();
            assertThat(nc.keyValue("rev").history("gone")).as("the value is gone, the fresh delete marker stays")
                    .extracting(e -> e.getOperation().name()).containsExactly("DELETE");
        }

        assertThat(CommandRun.of("kv", "add", "-s", s, "single").exitCode()).isZero();
        CommandRun single = CommandRun.of("kv", "revert", "-s", s, "single", "k", "1", "--force");
        assertThat(single.exitCode()).isEqualTo(1);
        assertThat(single.err()).isEqualTo("wirehub: cannot revert key in a bucket where history=1\n");
        // The server is shared with the other tests here, which count the buckets.
        assertThat(CommandRun.of("kv", "rm", "-s", s, "rev", "-f").exitCode()).isZero();
        assertThat(CommandRun.of("kv", "rm", "-s", s, "single", "-f").exitCode()).isZero();
    }

    @Test
    void objectVerbsInteroperateWithJnatsObjectStore(Wirehub server, @TempDir Path dir) throws Exception {
        String s = server.clientUrl();
        assertThat(CommandRun.of("object", "add", "-s", s, "files").out())
                .contains("Information for Object Store Bucket files created");
        byte[] data = new byte[700_000];
        new Random(3).nextBytes(data);
        Path file = dir.resolve("data.bin");
        Files.write(file, data);
        CommandRun put = CommandRun.of("object", "put", "-s", s, "files", file.toString(), "--name", "data.bin",
                "-H", "X-Origin:cli");
        assertThat(put.exitCode()).as(put.err()).isZero();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(put.out()).contains("Object information for files > data.bin").contains("Digest: SHA-256 " + sha)
                .contains("Headers: X-Origin: cli");

        try (Connection nc = Nats.connect(s)) {
            ByteArrayOutputStream viaJnats = new ByteArrayOutputStream();
            nc.objectStore("files").get("data.bin", viaJnats);
            assertThat(viaJnats.toByteArray()).as("put by wirehub, read by jnats").isEqualTo(data);
            nc.objectStore("files").put("note.txt", "hello".getBytes(StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("copy.txt");
        CommandRun get = CommandRun.of("object", "get", "-s", s, "files", "note.txt", "-O", out.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(Files.readString(out)).as("put by jnats, read by wirehub").isEqualTo("hello");
        assertThat(get.out()).startsWith("Wrote: 5 B to " + out.toAbsolutePath());

        assertThat(CommandRun.of("object", "ls", "-s", s, "files", "-n").out().lines())
                .containsExactlyInAnyOrder("data.bin", "note.txt");
        assertThat(CommandRun.of("object", "info", "-s", s, "files", "data.bin").out()).contains("Size: 684 KiB");
        CommandRun rm = CommandRun.of("object", "rm", "-s", s, "files", "note.txt", "-f");
        assertThat(rm.out()).startsWith("Removed files > note.txt\n");
        CommandRun watch = CommandRun.of("object", "watch", "-s", s, "files", "--count", "2");
        assertThat(watch.out()).contains("PUT files > data.bin: 684 KiB bytes in 6 chunks").contains("DEL files > note.txt");
        CommandRun seal = CommandRun.of("object", "seal", "-s", s, "files", "-f");
        assertThat(seal.out()).startsWith("files has been sealed\n").contains("Sealed: true");
        CommandRun refused = CommandRun.of("object", "put", "-s", s, "files", file.toString(), "--name", "x", "-f");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("10109");
    }

    @Test
    void anObjectWithAMissingChunkFailsItsGetAndLeavesNoFile(Wirehub server, @TempDir Path dir) throws Exception {
        String s = server.clientUrl();
        try (Connection nc = Nats.connect(s)) {
            nc.objectStoreManagement().create(io.nats.client.api.ObjectStoreConfiguration.builder().name("broken")
                    .build());
            byte[] data = new byte[50_000];
            new Random(5).nextBytes(data);
            nc.objectStore("broken").put(io.nats.client.api.ObjectMeta.builder("blob").chunkSize(10_000).build(),
                    new java.io.ByteArrayInputStream(data));
            // Chunks are sequences 1..5, the meta message 6: remove a chunk in the middle.
            assertThat(nc.jetStreamManagement().deleteMessage("OBJ_broken", 3)).isTrue();
        }
        Path target = dir.resolve("blob");
        CommandRun get = CommandRun.of("object", "get", "-s", s, "broken", "blob", "-O", target.toString(), "-f");
        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.err()).startsWith("wirehub: broken > blob: ");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("blob.partial")).doesNotExist();
    }
}
