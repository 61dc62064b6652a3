package io.wirehub.server.leaf;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The URLs a remote dials: the configured ones (shuffled unless {@code no_randomize}) and those
 * its hubs gossip in {@code leafnode_urls}, which reuse the configured URL's credentials, as
 * nats-server's spoke does. Dialling moves to the next URL after a failure.
 *
 * <p>Thread-safe: the remote's thread picks, its sessions' readers add (under this object's lock).
 */
final class HubUrls {
    /** guarded by this */
    private final List<URI> configured;
    /** guarded by this */
    private final List<URI> gossiped = new ArrayList<>();
    /** guarded by this */
    private int next;

    HubUrls(List<URI> configured, boolean noRandomize) {
        this.configured = new ArrayList<>(configured);
        if (!noRandomize) {
            Collections.shuffle(this.configured);
        }
    }

    /** The URL to dial now. */
    synchronized URI current() {
        int size = configured.size() + gossiped.size();
        int index = next % size;
        return index < configured.size() ? configured.get(index) : gossiped.get(index - configured.size());
    }

    /** After a failed dial: the next URL. */
    synchronized void advance() {
        next++;
    }

    /**
     * Replaces the gossiped URLs with a hub's {@code leafnode_urls} ({@code host:port} each), minus
     * those already configured.
     *
     * @param template the URL that reached the hub: its scheme and credentials are reused
     */
    synchronized void learn(List<String> hostPorts, URI template) {
        gossiped.clear();
        for (String hostPort : hostPorts) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                URI uri = new URI(template.getScheme(), template.getRawUserInfo(), hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1)), null, null, null);
                if (!known(uri)) {
                    gossiped.add(uri);
                }
            } catch (URISyntaxException | NumberFormatException e) {
                // A malformed entry is skipped, as nats-server skips what it cannot parse.
            }
        }
    }

    private boolean known(URI uri) {
        for (URI url : configured) {
            int port = io.wirehub.server.config.LeafRemoteConfig.portOf(url);
            if (url.getHost().equalsIgnoreCase(uri.getHost()) && port == uri.getPort()) {
                return true;
            }
        }
        return false;
    }

    synchronized List<URI> all() {
        List<URI> all = new ArrayList<>(configured);
        all.addAll(gossiped);
        return all;
    }
}
