package io.wirehub.files;

/**
 * The subjects and headers of Wirehub's relay ({@code wirehub send} / {@code receive},
 * docs/files.md), defined once for the sending and the receiving client. (The server's own file
 * service, {@code $WH.FILES}, is gone: {@code wirehub put/get} use JetStream Object Store buckets.)
 */
public final class FileProtocol {
    /** {@code $WH.RELAY.<channel>.STAT|READ|DONE}: a relay, served by the sending client, not the server. */
    public static final String RELAY = "$WH.RELAY.";

    /** Why a request was refused. */
    public static final String HEADER_ERROR = "Wh-Error";

    private FileProtocol() {
    }
}
