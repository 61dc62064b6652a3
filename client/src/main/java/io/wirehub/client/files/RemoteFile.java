package io.wirehub.client.files;

/** A file as the server (or a relay sender) describes it. */
public record RemoteFile(String name, long size, String sha256, String modified, int chunkSize) {
    public long chunks() {
        return chunkSize == 0 ? 0 : (size + chunkSize - 1) / chunkSize;
    }
}
