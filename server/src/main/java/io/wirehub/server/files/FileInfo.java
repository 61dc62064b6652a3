package io.wirehub.server.files;

import java.time.Instant;

/**
 * A stored file as the service describes it.
 *
 * @param digestChunkSize the chunk size its recorded chunk digests ({@link ChunkDigests}) are for; 0 when none were
 *                        recorded (a file stored before they were)
 */
public record FileInfo(String name, long size, String sha256, Instant modified, int digestChunkSize) {
}
