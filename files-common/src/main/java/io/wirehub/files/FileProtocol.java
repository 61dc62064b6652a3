package io.wirehub.files;

/**
 * The subjects and headers of Wirehub's file service and relay (docs/files.md), defined once for
 * the server that answers and the client that asks. Requests go to reserved subjects, so the
 * server's authorization and permissions decide who may upload, read, list and delete. Every
 * request carries a reply subject; JSON in, JSON out, except chunks, which travel as raw bytes
 * with headers.
 */
public final class FileProtocol {
    /** Every file service subject starts with this; the service subscribes to {@code $WH.FILES.>}. */
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
    /** {@code $WH.RELAY.<channel>.STAT|READ|DONE}: a relay, served by the sending client, not the server. */
    public static final String RELAY = "$WH.RELAY.";

    /** The chunk's index, from 0. */
    public static final String HEADER_INDEX = "Wh-Index";
    /** The chunk's SHA-256, lower-case hex. */
    public static final String HEADER_SHA256 = "Wh-Sha256";
    /** Why a request was refused; the body then holds {"error"}. */
    public static final String HEADER_ERROR = "Wh-Error";

    private FileProtocol() {
    }
}
