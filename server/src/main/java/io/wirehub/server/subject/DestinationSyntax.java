package io.wirehub.server.subject;

import io.wirehub.server.subject.Placeholder.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads destination tokens ({@code $1}, {@code {{partition(3,1,2)}}}...) the way nats-server 2.10
 * reads them, error for error. Runs when a transform is built, never per message.
 *
 * <p>nats-server recognises a function with an unanchored regular expression per name, tried in a
 * fixed order; the same expressions are used here so that the odd tokens (spaces around the name,
 * only the initials of a name in either case, text before the braces) read the same. Go's {@code \s}
 * is {@code [\t\n\f\r ]} and its {@code .} stops only at '\n', hence the explicit class and
 * UNIX_LINES.
 */
final class DestinationSyntax {
    private static final String SPACE = "[\\t\\n\\f\\r ]*";
    private static final Pattern COMMA = Pattern.compile("," + SPACE);
    private static final Pattern WILDCARD = function("[wW]ildcard");
    private static final Pattern PARTITION = function("[pP]artition");
    private static final Pattern SPLIT_FROM_LEFT = function("[sS]plit[fF]rom[lL]eft");
    private static final Pattern SPLIT_FROM_RIGHT = function("[sS]plit[fF]rom[rR]ight");
    private static final Pattern SLICE_FROM_LEFT = function("[sS]lice[fF]rom[lL]eft");
    private static final Pattern SLICE_FROM_RIGHT = function("[sS]lice[fF]rom[rR]ight");
    private static final Pattern SPLIT = function("[sS]plit");
    private static final Pattern LEFT = function("[lL]eft");
    private static final Pattern RIGHT = function("[rR]ight");
    /** The functions of (wildcard, number), in nats-server's order of trying them. */
    private static final Pattern[] INDEX_AND_NUMBER = {SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT, SLICE_FROM_LEFT,
        SLICE_FROM_RIGHT, RIGHT, LEFT};
    private static final Function[] INDEX_AND_NUMBER_FUNCTIONS = {Function.SPLIT_FROM_LEFT, Function.SPLIT_FROM_RIGHT,
        Function.SLICE_FROM_LEFT, Function.SLICE_FROM_RIGHT, Function.RIGHT, Function.LEFT};
    /** The functions a mapping destination may name: left and right are missing in 2.10's list. */
    private static final Pattern[] MAPPING_FUNCTIONS = {PARTITION, WILDCARD, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT,
        SLICE_FROM_LEFT, SLICE_FROM_RIGHT, SPLIT};

    private DestinationSyntax() {
    }

    private static Pattern function(String name) {
        return Pattern.compile("\\{\\{" + SPACE + name + SPACE + "\\((.*)\\)" + SPACE + "\\}\\}", Pattern.UNIX_LINES);
    }

    /** One destination token; throws nats-server's error for a malformed function. */
    static Placeholder parse(String token) {
        int length = token.length();
        if (length > 1 && token.charAt(0) == '$') {
            try {
                return new Placeholder(Function.WILDCARD, new long[] {GoText.atoi(token.substring(1))}, -1, "");
            } catch (NumberFormatException e) {
                return Placeholder.LITERAL; // "$foo" is a plain token: other subjects start with '$'
            }
        }
        if (!isMustache(token)) {
            return Placeholder.LITERAL;
        }
        String[] args = arguments(WILDCARD, token);
        if (args != null) {
            if (args.length == 1 && args[0].isEmpty()) {
                throw MappingErrors.in(MappingErrors.NOT_ENOUGH_ARGS, token);
            }
            if (args.length > 1) {
                throw MappingErrors.in(MappingErrors.TOO_MANY_ARGS, token);
            }
            return new Placeholder(Function.WILDCARD, new long[] {integer(args[0], token)}, -1, "");
        }
        args = arguments(PARTITION, token);
        if (args != null) {
            if (args.length < 2) {
                throw MappingErrors.in(MappingErrors.NOT_ENOUGH_ARGS, token);
            }
            int partitions = (int) integer(args[0], token);
            long[] wildcards = new long[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                wildcards[i - 1] = integer(args[i], token);
            }
            return new Placeholder(Function.PARTITION, wildcards, partitions, "");
        }
        Placeholder indexAndNumber = indexAndNumber(token);
        if (indexAndNumber != null) {
            return indexAndNumber;
        }
        args = arguments(SPLIT, token);
        if (args != null) {
            checkTwo(args, token);
            long wildcard = integer(args[0], token);
            if (args[1].contains(" ") || args[1].contains(".")) {
                throw MappingErrors.in(MappingErrors.INVALID_ARG, token);
            }
            return new Placeholder(Function.SPLIT, new long[] {wildcard}, -1, args[1]);
        }
        throw MappingErrors.in(MappingErrors.UNKNOWN_FUNCTION, token);
    }

    /** A function of (wildcard, number), or null when the token names none of them. */
    private static Placeholder indexAndNumber(String token) {
        for (int i = 0; i < INDEX_AND_NUMBER.length; i++) {
            String[] args = arguments(INDEX_AND_NUMBER[i], token);
            if (args != null) {
                checkTwo(args, token);
                long wildcard = integer(args[0], token);
                int number = (int) integer(args[1], token);
                return new Placeholder(INDEX_AND_NUMBER_FUNCTIONS[i], new long[] {wildcard}, number, "");
            }
        }
        return null;
    }

    /**
     * nats-server's check of a whole mapping destination (ValidateMappingDestination), made before
     * the transform is built: it only knows the seven functions of 2.9, so a mapping may not use
     * left() or right() although a transform may.
     */
    static void validateMappingDestination(String destination) {
        if (destination.isEmpty()) {
            return;
        }
        boolean afterFullWildcard = false;
        for (String token : destination.split("\\.", -1)) {
            if (token.isEmpty() || afterFullWildcard) {
                throw MappingErrors.in(MappingErrors.DESTINATION_SUBJECT, token);
            }
            if (isMustache(token)) {
                if (!namesMappingFunction(token)) {
                    throw MappingErrors.in(MappingErrors.UNKNOWN_FUNCTION, token);
                }
                continue;
            }
            if (token.equals(">")) {
                afterFullWildcard = true;
            } else if (containsWhitespace(token)) {
                throw new IllegalArgumentException(MappingErrors.DESTINATION_SUBJECT);
            }
        }
    }

    /**
     * Whether reverse() counts the token as a wildcard placeholder: "$" and a digit 1-9 (whatever
     * follows), or a wildcard function of one non-empty argument anywhere in the token.
     */
    static boolean isReversiblePlaceholder(String token) {
        if (token.length() > 1 && token.charAt(0) == '$' && token.charAt(1) >= '1' && token.charAt(1) <= '9') {
            return true;
        }
        String[] args = arguments(WILDCARD, token);
        return args != null && args.length == 1 && !args[0].isEmpty();
    }

    private static boolean namesMappingFunction(String token) {
        for (Pattern pattern : MAPPING_FUNCTIONS) {
            if (pattern.matcher(token).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMustache(String token) {
        int length = token.length();
        return length > 4 && token.startsWith("{{") && token.endsWith("}}");
    }

    /** The arguments inside the first match, cut at commas (and the whitespace after them); null when none. */
    private static String[] arguments(Pattern function, String token) {
        Matcher m = function.matcher(token);
        return m.find() ? COMMA.split(m.group(1), -1) : null;
    }

    private static void checkTwo(String[] args, String token) {
        if (args.length < 2) {
            throw MappingErrors.in(MappingErrors.NOT_ENOUGH_ARGS, token);
        }
        if (args.length > 2) {
            throw MappingErrors.in(MappingErrors.TOO_MANY_ARGS, token);
        }
    }

    private static long integer(String arg, String token) {
        try {
            return GoText.atoi(GoText.trimSpaces(arg));
        } catch (NumberFormatException e) {
            throw MappingErrors.in(MappingErrors.INVALID_ARG, token);
        }
    }

    private static boolean containsWhitespace(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ') {
                return true;
            }
        }
        return false;
    }
}
