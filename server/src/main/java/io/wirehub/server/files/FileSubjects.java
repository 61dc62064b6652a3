package io.wirehub.server.files;

/**
 * The file service's protocol (docs/files.md): requests on reserved subjects, so the server's
 * authorization and permissions decide who may upload, read, list and delete. Every request carries
 * a reply subject; JSON in, JSON out, except chunks, which travel as raw bytes with headers.
 */
public final class FileSubjects {
    public static final String PREFIX = "$WH.FILES.";
    /** {"name","size","sha256"} → {"upload","chunk_size","next"}: starts or resumes an upload. */
    public static final String PUT = PREFIX + "PUT";
    /** {@code CHUNK.<upload>}, headers Wh-Index and Wh-Sha256, body the bytes → {"next"}. */
    public static final String CHUNK = PREFIX + "CHUNK.";
    /** {@code COMMIT.<upload>} → the file's {"name","size","sha256","modified"} once its digest matches. */
    public static final String COMMIT = PREFIX + "COMMIT.";
    /** {"name"} → {"name","size","sha256","modified","chunk_size"}. */
    public static final String STAT = PREFIX + "STAT";
    /** {"name","index"} → the chunk's bytes, headers Wh-Index and Wh-Sha256 (or Wh-Error). */
    public static final String READ = PREFIX + "READ";
    /** → [{"name","size","sha256","modified"}, ...]. */
    public static final String LIST = PREFIX + "LIST";
    /** {"name"} → {"deleted"}. */
    public static final String DELETE = PREFIX + "DELETE";

    public static final String HEADER_INDEX = "Wh-Index";
    public static final String HEADER_SHA256 = "Wh-Sha256";
    public static final String HEADER_ERROR = "Wh-Error";

    private FileSubjects() {
    }
}
