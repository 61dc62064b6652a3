package io.wirehub.server.files;

import java.time.Instant;

/** A stored file as the service describes it. */
public record FileInfo(String name, long size, String sha256, Instant modified) {
}
