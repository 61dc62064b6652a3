package io.wirehub.client.files;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamInfo;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.IOException;
import java.time.Duration;

/**
 * An Object Store bucket as the file verbs see it: the stream {@code OBJ_<bucket>} behind it, its
 * byte limit and use, created on demand. Also the one place that tells "the server has no
 * JetStream" apart from other failures, so every verb says it the same way.
 */
final class ObjectBucket {
    /** nats-server's error code for "stream not found". */
    static final int STREAM_NOT_FOUND = 10059;
    static final String NO_JETSTREAM = "the server has no JetStream, which put, get, ls and rm use"
            + " (Object Store buckets): start it with JetStream on (wirehub serve -js)";

    /** The bucket's stream limits and use, as the stream info reports them. */
    record State(long maxBytes, long bytes, boolean created) {
        /** Bytes that may still be stored, or Long.MAX_VALUE without a limit. */
        long free() {
            return maxBytes <= 0 ? Long.MAX_VALUE : Math.max(0, maxBytes - bytes);
        }
    }

    private ObjectBucket() {
    }

    static String stream(String bucket) {
        return NatsObjectStoreUtil.toStreamName(bucket);
    }

    /** Asks $JS.API.INFO: a server without JetStream has no responder there (or says the account has none). */
    static void requireJetStream(Connection nc, Duration timeout) throws FileTransferException {
        Message reply;
        try {
            reply = Requests.await(nc.requestWithTimeout("$JS.API.INFO", null, new byte[0], timeout), timeout);
        } catch (Requests.Unanswered e) {
            throw new FileTransferException(e.failure == Requests.Failure.NO_RESPONDERS ? NO_JETSTREAM
                    : "JetStream did not answer within " + timeout.toMillis() + " ms");
        }
        JsonValue error = JsonValueUtils.readValue(Requests.parse(reply.getData()), "error");
        if (error != null) {
            throw new FileTransferException(NO_JETSTREAM + " (the server says: "
                    + JsonValueUtils.readString(error, "description", "no JetStream") + ")");
        }
    }

    /** The bucket's state; a missing bucket is an error naming it. */
    static State existing(Connection nc, String bucket, Duration timeout) throws IOException {
        requireJetStream(nc, timeout);
        try {
            return state(nc.jetStreamManagement().getStreamInfo(stream(bucket)), false);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                throw new FileTransferException("no bucket named \"" + bucket + "\" (wirehub put creates it)");
            }
            throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
        }
    }

    /** The bucket's state, creating it (file storage, {@code maxBytes} when positive) if it is not there. */
    static State ensure(Connection nc, String bucket, long maxBytes, Duration timeout) throws IOException {
        requireJetStream(nc, timeout);
        JetStreamManagement jsm = nc.jetStreamManagement();
        try {
            return state(jsm.getStreamInfo(stream(bucket)), false);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
            }
        }
        ObjectStoreConfiguration.Builder config = ObjectStoreConfiguration.builder().name(bucket)
                .storageType(StorageType.File);
        if (maxBytes > 0) {
            config.maxBucketSize(maxBytes);
        }
        try {
            nc.objectStoreManagement().create(config.build());
            return state(jsm.getStreamInfo(stream(bucket)), true);
        } catch (JetStreamApiException e) {
            throw new FileTransferException("creating bucket \"" + bucket + "\": " + e.getErrorDescription()
                    + " (" + e.getApiErrorCode() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new FileTransferException("bucket name \"" + bucket + "\": " + e.getMessage(), e);
        }
    }

    private static State state(StreamInfo info, boolean created) {
        return new State(info.getConfiguration().getMaxBytes(), info.getStreamState().getByteCount(), created);
    }
}
