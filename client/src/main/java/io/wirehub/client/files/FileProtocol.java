package io.wirehub.client.files;

/**
 * The subjects and headers of Wirehub's file service and relay (docs/files.md). The client module
 * never depends on the server, so the protocol's names are written here too.
 */
final class FileProtocol {
    static final String FILES = "$WH.FILES.";
    static final String PUT = FILES + "PUT";
    static final String CHUNK = FILES + "CHUNK.";
    static final String COMMIT = FILES + "COMMIT.";
    static final String STAT = FILES + "STAT";
    static final String READ = FILES + "READ";
    static final String LIST = FILES + "LIST";
    static final String DELETE = FILES + "DELETE";
    /** {@code $WH.RELAY.<channel>.STAT|READ|DONE}, served by the sending client. */
    static final String RELAY = "$WH.RELAY.";

    static final String HEADER_INDEX = "Wh-Index";
    static final String HEADER_SHA256 = "Wh-Sha256";
    static final String HEADER_ERROR = "Wh-Error";

    private FileProtocol() {
    }
}
