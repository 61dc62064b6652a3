package io.wirehub.server.protocol;

/**
 * The fields of a client's CONNECT (PROTOCOL.md §4). Absent booleans take nats-server's defaults:
 * verbose, pedantic and echo are <b>true</b> unless the client says otherwise.
 */
public record ConnectOptions(
        boolean verbose,
        boolean pedantic,
        boolean tlsRequired,
        String authToken,
        String user,
        String pass,
        String name,
        String lang,
        String version,
        int protocol,
        boolean echo,
        String sig,
        String jwt,
        String nkey,
        boolean headers,
        boolean noResponders,
        boolean accountGiven) {

    /** What a connection that never sent CONNECT runs with. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(true, true, false, null, null, null,
            "", "", "", 0, true, null, null, null, false, false, false);
}
