package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where a download reads chunks from: the server's file store, through two requests: STAT (what
 * the file is) and READ (one chunk, with its SHA-256 in a header). (Relay transfers have their own,
 * encrypted, protocol: {@link RelayReceiver}.)
 */
final class ChunkSource {
    private final String statSubject;
    private final String readSubject;
    /** The name in store requests. */
    private final String name;
    private final String nobody;

    private ChunkSource(String statSubject, String readSubject, String name, String nobody) {
        this.statSubject = statSubject;
        this.readSubject = readSubject;
        this.name = name;
        this.nobody = nobody;
    }

    static ChunkSource store(String name) {
        return new ChunkSource(FileProtocol.STAT, FileProtocol.READ, name,
                "no file service answers (is the server started with --store DIR?)");
    }

    RemoteFile stat(Connection nc, Duration timeout) throws FileTransferException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        JsonValue json = Requests.json(nc, statSubject, body, timeout, nobody);
        return describe(json);
    }

    static RemoteFile describe(JsonValue json) {
        return new RemoteFile(JsonValueUtils.readString(json, "name"), JsonValueUtils.readLong(json, "size", 0),
                JsonValueUtils.readString(json, "sha256"), JsonValueUtils.readString(json, "modified", ""),
                JsonValueUtils.readInteger(json, "chunk_size", 0));
    }

    CompletableFuture<Message> read(Connection nc, long index, Duration timeout) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        body.put("index", index);
        return Requests.send(nc, readSubject, null, Requests.toJson(body), timeout);
    }
}
