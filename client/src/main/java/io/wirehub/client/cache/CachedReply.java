package io.wirehub.client.cache;

import io.nats.client.impl.Headers;

/** A stored reply: its headers and body, and until when (in the cache's clock, ns) it is fresh. */
record CachedReply(Headers headers, byte[] body, long freshUntilNanos) {
    long size() {
        long headerBytes = 0;
        if (headers != null) {
            for (String key : headers.keySet()) {
                for (String v : headers.get(key)) {
                    headerBytes += key.length() + v.length() + 4;
                }
            }
        }
        return headerBytes + body.length;
    }
}
