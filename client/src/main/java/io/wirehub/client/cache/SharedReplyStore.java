package io.wirehub.client.cache;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The tier that several processes share: cached replies in a JetStream Key-Value bucket. The
 * bucket's {@code max_age} (its TTL) bounds how long any reply stays in it; each entry also
 * carries the wall-clock time its responder's {@code max-age} ends, so a reply is never served
 * staler than its responder allowed, whichever process cached it. Processes on different
 * machines therefore depend on their clocks agreeing to within the freshness they cache for.
 *
 * <p>The key is the SHA-256 of the subject and body (KV keys cannot hold arbitrary bytes). An
 * entry that cannot be read (another version, a damaged value, a different subject under the
 * same hash) is treated as absent. Thread-safe: jnats' {@link KeyValue} is.
 */
public final class SharedReplyStore {
    /** First bytes of every value this class writes; another format is ignored, not misread. */
    private static final int MAGIC = 0x57484331; // "WHC1"
    /** A value's header lines and body are bounded by what a NATS message can carry anyway. */
    private static final int MAX_FIELD = 64 * 1024 * 1024;

    private final KeyValue bucket;
    private final LongSupplier wallClockMillis;

    public SharedReplyStore(KeyValue bucket) {
        this(bucket, System::currentTimeMillis);
    }

    SharedReplyStore(KeyValue bucket, LongSupplier wallClockMillis) {
        this.bucket = bucket;
        this.wallClockMillis = wallClockMillis;
    }

    /**
     * The bucket {@code name}, created with {@code ttl} as its {@code max_age} (file storage, one
     * value per key) when it does not exist yet; an existing bucket keeps its own TTL.
     */
    public static SharedReplyStore open(Connection connection, String name, Duration ttl)
            throws IOException, JetStreamApiException {
        KeyValueManagement management = connection.keyValueManagement();
        if (!management.getBucketNames().contains(name)) {
            try {
                management.create(KeyValueConfiguration.builder().name(name).ttl(ttl).maxHistoryPerKey(1)
                        .storageType(StorageType.File).build());
            } catch (JetStreamApiException e) {
                // Another process created it between the check and the create: use theirs.
                if (!management.getBucketNames().contains(name)) {
                    throw e;
                }
            }
        }
        return new SharedReplyStore(connection.keyValue(name));
    }

    /** The fresh shared reply to this request, with how long it stays fresh; null when none. */
    SharedReply lookup(String subject, byte[] body) throws IOException, JetStreamApiException {
        KeyValueEntry entry = bucket.get(key(subject, body));
        if (entry == null || entry.getValue() == null) {
            return null;
        }
        SharedReply reply = decode(entry.getValue(), subject);
        if (reply == null || reply.expiresAtMillis() - wallClockMillis.getAsLong() <= 0) {
            return null;
        }
        return reply;
    }

    /** Shares a reply that its responder allowed to be reused for {@code maxAge}. */
    void store(String subject, byte[] body, Headers headers, byte[] reply, Duration maxAge)
            throws IOException, JetStreamApiException {
        bucket.put(key(subject, body), encode(subject, headers, reply, wallClockMillis.getAsLong() + maxAge.toMillis()));
    }

    /** Forgets the shared reply to this request. */
    void invalidate(String subject, byte[] body) throws IOException, JetStreamApiException {
        bucket.delete(key(subject, body));
    }

    static String key(String subject, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(subject.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // no subject/body split can be mistaken for another
            sha.update(body);
            return "r." + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] encode(String subject, Headers headers, byte[] reply, long expiresAtMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(reply.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(expiresAtMillis);
            writeBytes(out, subject.getBytes(StandardCharsets.UTF_8));
            int names = headers == null ? 0 : headers.keySet().size();
            out.writeInt(names);
            if (headers != null) {
                for (String name : headers.keySet()) {
                    writeBytes(out, name.getBytes(StandardCharsets.UTF_8));
                    List<String> values = headers.get(name);
                    out.writeInt(values.size());
                    for (String value : values) {
                        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            writeBytes(out, reply);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** The reply in {@code value}, or null when it is not one of ours for this subject. */
    static SharedReply decode(byte[] value, String subject) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            long expiresAt = in.readLong();
            if (!subject.equals(new String(readBytes(in, value.length), StandardCharsets.UTF_8))) {
                return null;
            }
            int names = in.readInt();
            if (names < 0 || names > value.length) {
                return null;
            }
            Headers headers = new Headers();
            for (int i = 0; i < names; i++) {
                String name = new String(readBytes(in, value.length), StandardCharsets.UTF_8);
                int count = in.readInt();
                if (count < 0 || count > value.length) {
                    return null;
                }
                for (int v = 0; v < count; v++) {
                    headers.add(name, new String(readBytes(in, value.length), StandardCharsets.UTF_8));
                }
            }
            byte[] reply = readBytes(in, value.length);
            return in.available() == 0 ? new SharedReply(headers, reply, expiresAt) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null; // truncated, or a header jnats refuses: not a reply we can serve
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data.length);
        out.write(data);
    }

    /** A length read from the value is trusted only within the value's own size. */
    private static byte[] readBytes(DataInputStream in, int valueLength) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > valueLength || length > MAX_FIELD) {
            throw new IOException("length " + length + " past the value");
        }
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new IOException("value cut short");
        }
        return data;
    }

    /** A reply read from the bucket, fresh until {@code expiresAtMillis} (wall clock). */
    record SharedReply(Headers headers, byte[] body, long expiresAtMillis) {
    }
}
