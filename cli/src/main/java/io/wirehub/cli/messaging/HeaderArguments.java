package io.wirehub.cli.messaging;

import io.nats.client.impl.Headers;
import io.wirehub.cli.UserFacingException;
import java.util.List;

/** {@code -H key:value} options, as the nats CLI takes them. */
public final class HeaderArguments {
    private HeaderArguments() {
    }

    /** The headers, or null when none were given (a plain PUB rather than HPUB). */
    public static Headers parse(List<String> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return null;
        }
        Headers headers = new Headers();
        for (String argument : arguments) {
            int colon = argument.indexOf(':');
            if (colon <= 0) {
                throw new UserFacingException("a header is key:value, got \"" + argument + "\"");
            }
            headers.add(argument.substring(0, colon).trim(), argument.substring(colon + 1).trim());
        }
        return headers;
    }
}
