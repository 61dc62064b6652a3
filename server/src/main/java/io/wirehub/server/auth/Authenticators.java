package io.wirehub.server.auth;

import io.wirehub.server.config.AuthConfig;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.UserConfig;
import io.wirehub.server.protocol.ConnectOptions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Authenticator} an {@link AuthConfig} asks for. */
public final class Authenticators {
    private Authenticators() {
    }

    /**
     * @throws ConfigException when an nkey does not decode (the config parser only checks its shape)
     */
    public static Authenticator of(AuthConfig config) {
        return of(config, false);
    }

    /**
     * @param mapCertificates tls verify_and_map: a client certificate names the user, and
     *                        credentials in CONNECT are not used
     */
    public static Authenticator of(AuthConfig config, boolean mapCertificates) {
        if (!config.required()) {
            return new OpenAccess();
        }
        if (config.token() != null) {
            return new SingleSecret(config, "token") {
                @Override
                boolean presented(ConnectOptions options) {
                    return Secrets.matches(config.token(), options.authToken());
                }
            };
        }
        if (config.user() != null) {
            return new SingleSecret(config, "user and password") {
                @Override
                boolean presented(ConnectOptions options) {
                    // Both compared, always: no early exit that would time the user name.
                    boolean userOk = Secrets.matches(config.user(), options.user());
                    boolean passwordOk = Secrets.matches(config.password(), options.pass());
                    return userOk & passwordOk;
                }
            };
        }
        return new UserList(config, mapCertificates);
    }

    /** Authentication off: everyone is the anonymous user with every permission. */
    private static final class OpenAccess implements Authenticator {
        @Override
        public boolean required() {
            return false;
        }

        @Override
        public boolean nonceRequired() {
            return false;
        }

        @Override
        public AuthenticatedUser anonymousUser() {
            return AuthenticatedUser.ANONYMOUS;
        }

        @Override
        public AuthenticatedUser authenticate(ConnectOptions options, String nonce, X509Certificate certificate) {
            return AuthenticatedUser.ANONYMOUS;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /** One token, or one user and password: one identity with every permission. */
    private abstract static class SingleSecret implements Authenticator {
        private final String mode;
        private final AuthenticatedUser user;

        SingleSecret(AuthConfig config, String mode) {
            this.mode = mode;
            this.user = new AuthenticatedUser(config.user() == null ? "" : config.user(), Permissions.ALL, null);
        }

        abstract boolean presented(ConnectOptions options);

        @Override
        public boolean required() {
            return true;
        }

        @Override
        public boolean nonceRequired() {
            return false;
        }

        @Override
        public AuthenticatedUser anonymousUser() {
            return null;
        }

        @Override
        public AuthenticatedUser authenticate(ConnectOptions options, String nonce, X509Certificate certificate) {
            return presented(options) ? user : null;
        }

        @Override
        public String describe() {
            return mode;
        }
    }

    /** A users list: password users and nkey users, each with permissions and limits. */
    private static final class UserList implements Authenticator {
        private final AuthConfig config;
        private final Map<String, Entry> byName = new HashMap<>();
        private final Map<String, Entry> byNkey = new HashMap<>();
        private final AuthenticatedUser anonymous;
        private final boolean mapCertificates;

        private record Entry(UserConfig config, AuthenticatedUser user) {
        }

        UserList(AuthConfig config, boolean mapCertificates) {
            this.config = config;
            this.mapCertificates = mapCertificates;
            List<String> problems = new ArrayList<>();
            for (UserConfig user : config.users()) {
                Entry entry = new Entry(user, new AuthenticatedUser(user.name(),
                        user.permissions() == null ? Permissions.ALL : new Permissions(user.permissions()),
                        PublishLimiter.of(user.limits()), user.account()));
                if (user.nkey() != null) {
                    try {
                        NkeyCodec.decode(NkeyCodec.USER, user.nkey());
                        byNkey.put(user.nkey(), entry);
                    } catch (IllegalArgumentException e) {
                        problems.add("authorization: not a valid public nkey for a user: " + user.nkey() + " ("
                                + e.getMessage() + ")");
                    }
                } else {
                    byName.put(user.user(), entry);
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            Entry noAuth = config.noAuthUser() == null ? null : byName.get(config.noAuthUser());
            anonymous = noAuth == null ? null : noAuth.user();
        }

        @Override
        public boolean required() {
            return true;
        }

        @Override
        public boolean nonceRequired() {
            return !byNkey.isEmpty();
        }

        @Override
        public AuthenticatedUser anonymousUser() {
            return anonymous;
        }

        @Override
        public AuthenticatedUser authenticate(ConnectOptions options, String nonce, X509Certificate certificate) {
            if (mapCertificates) {
                return certificate == null ? null : mapped(certificate);
            }
            if (options.nkey() != null && !options.nkey().isEmpty()) {
                Entry entry = byNkey.get(options.nkey());
                return entry != null && NkeySignature.verify(options.nkey(), nonce, options.sig()) ? entry.user() : null;
            }
            if (options.user() == null || options.user().isEmpty()) {
                boolean noCredentials = (options.pass() == null || options.pass().isEmpty())
                        && (options.authToken() == null || options.authToken().isEmpty());
                return noCredentials ? anonymous : null;
            }
            Entry entry = byName.get(options.user());
            return entry != null && Secrets.matches(entry.config().password(), options.pass()) ? entry.user() : null;
        }

        /** The first of the certificate's names that is a user of the list (nats-server's order). */
        private AuthenticatedUser mapped(X509Certificate certificate) {
            for (String name : CertificateIdentities.of(certificate)) {
                Entry entry = byName.get(name);
                if (entry != null) {
                    return entry.user();
                }
            }
            return null;
        }

        @Override
        public String describe() {
            return mapCertificates ? config.describe() + " (named by client certificates)" : config.describe();
        }
    }
}
