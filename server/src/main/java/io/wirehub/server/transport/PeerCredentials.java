package io.wirehub.server.transport;

/**
 * Who is on the other end of a Unix domain socket, as the kernel vouches (SO_PEERCRED): the
 * user and group the connecting process ran as when it connected. The JDK gives their names (or
 * the numeric id when the name is unknown); it does not expose the peer's pid.
 */
public record PeerCredentials(String user, String group) {
    @Override
    public String toString() {
        return user + ":" + group;
    }
}
