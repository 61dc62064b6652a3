package io.wirehub.server.jetstream.store;

/**
 * What the index keeps of a message: enough to apply limits and filters without reading it.
 * {@code location} is the storage's own: the message itself in memory, its record's place in a file.
 */
record IndexEntry(long seq, String subject, long timestampNanos, long size, Object location) {
}
