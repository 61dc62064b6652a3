package io.wirehub.server.subject;

/**
 * nats-server's error texts for subjects, transforms and mappings (server/errors.go, accounts.go),
 * so a bad mapping is refused with the words an operator would see from nats-server.
 */
final class MappingErrors {
    static final String BAD_SUBJECT = "invalid subject";
    static final String INVALID_DESTINATION = "invalid mapping destination";
    static final String DESTINATION_SUBJECT = INVALID_DESTINATION + ": invalid subject";
    static final String NOT_USING_ALL_WILDCARDS = INVALID_DESTINATION + ": not using all of the token wildcard(s)";
    static final String UNKNOWN_FUNCTION = INVALID_DESTINATION + ": unknown function";
    static final String INDEX_OUT_OF_RANGE = INVALID_DESTINATION + ": wildcard index out of range";
    static final String NOT_ENOUGH_ARGS = INVALID_DESTINATION + ": not enough arguments passed to the function";
    static final String INVALID_ARG = INVALID_DESTINATION + ": function argument is invalid or in the wrong format";
    static final String TOO_MANY_ARGS = INVALID_DESTINATION + ": too many arguments passed to the function";
    static final String NOT_FOR_IMPORT = INVALID_DESTINATION
            + ": the only mapping function allowed for import transforms is {{Wildcard()}}";
    static final String INDIVIDUAL_WEIGHT = "individual weights need to be <= 100";
    static final String TOTAL_WEIGHT = "total weight needs to be <= 100";

    private MappingErrors() {
    }

    static IllegalArgumentException badSubject() {
        return new IllegalArgumentException(BAD_SUBJECT);
    }

    /** nats-server's mappingDestinationErr: "{error} in {token}". */
    static IllegalArgumentException in(String error, String token) {
        return new IllegalArgumentException(error + " in " + token);
    }

    static IllegalArgumentException duplicate(String destination) {
        return new IllegalArgumentException("duplicate entry for " + GoText.quote(destination));
    }

    /** The config parser's text: Go's weights are unsigned, so only a config can say -1. */
    static IllegalArgumentException invalidWeight(int weight) {
        return new IllegalArgumentException("Invalid weight " + weight + " for mapping destination");
    }
}
