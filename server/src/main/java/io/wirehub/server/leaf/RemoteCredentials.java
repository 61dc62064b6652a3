package io.wirehub.server.leaf;

import io.wirehub.server.auth.NkeySeed;
import io.wirehub.server.config.LeafRemoteConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CONNECT fields a remote's {@code credentials} or {@code nkey} give (nats-server
 * sendLeafConnect): {@code jwt} and {@code sig} from a {@code .creds} file, or {@code nkey} and
 * {@code sig} from a seed, the signature being of the hub's nonce. The file is read at every
 * connect, as nats-server does, so a rotated file is picked up without a restart.
 */
final class RemoteCredentials {
    /** nats-server credsRe: a value between two dashed lines; the first is the JWT, the second the seed. */
    private static final Pattern BLOCK = Pattern.compile(
            "\\s*(?:(?:-{3,}.*-{3,}\\r?\\n)([\\w\\-.=]+)(?:\\r?\\n-{3,}.*-{3,}(\\r?\\n|\\z)))");

    private RemoteCredentials() {
    }

    /**
     * Adds the remote's signed credentials, if it has any, to the CONNECT fields.
     *
     * @throws IOException with nats-server's text when the file cannot be read or is malformed;
     *                     the link is then closed and dialled again later
     */
    static void addTo(Map<String, Object> connect, LeafRemoteConfig remote, String nonce) throws IOException {
        if (remote.credentials() != null) {
            String text;
            try {
                text = Files.readString(remote.credentials(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("Error reading LeafNode Remote Credentials file \"" + remote.credentials()
                        + "\": " + e.getMessage(), e);
            }
            Matcher blocks = BLOCK.matcher(text);
            String jwt = blocks.find() ? blocks.group(1) : null;
            String seed = blocks.find() ? blocks.group(1) : null;
            if (jwt == null || seed == null) {
                throw new IOException("Credentials file malformed");
            }
            NkeySeed key = parse(seed, "Credentials file has malformed seed");
            connect.put("jwt", jwt);
            connect.put("sig", key.signNonce(nonce == null ? "" : nonce));
        } else if (remote.nkeySeed() != null) {
            NkeySeed key = parse(remote.nkeySeed(), "Remote nkey has malformed seed");
            connect.put("nkey", key.publicKey());
            connect.put("sig", key.signNonce(nonce == null ? "" : nonce));
        }
    }

    private static NkeySeed parse(String seed, String problem) throws IOException {
        try {
            return NkeySeed.parse(seed);
        } catch (IllegalArgumentException e) {
            throw new IOException(problem);
        }
    }
}
