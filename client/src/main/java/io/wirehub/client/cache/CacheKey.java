package io.wirehub.client.cache;

import java.util.Arrays;

/** A request as the cache tells requests apart: its subject and its body, byte for byte. */
record CacheKey(String subject, byte[] body) {
    CacheKey {
        body = body == null ? new byte[0] : body.clone();
    }

    long size() {
        return subject.length() + (long) body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && subject.equals(k.subject) && Arrays.equals(body, k.body);
    }

    @Override
    public int hashCode() {
        return 31 * subject.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return subject + " (" + body.length + " bytes)";
    }
}
