package io.wirehub.server.stats;

/** The user and group on the other end of a Unix domain socket, as /connz shows them ({@code user:group}). */
public record UnixPeer(String user, String group) {
    @Override
    public String toString() {
        return user + ":" + group;
    }
}
