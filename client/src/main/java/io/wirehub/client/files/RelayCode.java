package io.wirehub.client.files;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One-time codes for relay transfers, croc style: {@code 4821-amber-falcon-river}. As in croc, the
 * number picks the meeting place (the subjects carry a digest of it, which anyone can reverse, so it
 * is treated as public) and the whole code is the password of the J-PAKE exchange ({@link RelayPake})
 * that keys the end-to-end encryption: the three words (about 21 bits) are never derivable from what
 * crosses the server, and the sender allows only {@link RelaySender#MAX_WRONG_CODES} guesses.
 */
public final class RelayCode {
    private static final List<String> WORDS = List.of("amber", "anchor", "apple", "arrow", "aspen", "atlas",
            "autumn", "badge", "bamboo", "basil", "beacon", "birch", "bison", "blossom", "bramble", "breeze", "brick",
            "bronze", "cactus", "canyon", "cedar", "cello", "cherry", "cinder", "clover", "cobalt", "comet", "copper",
            "coral", "cosmos", "crane", "crystal", "daisy", "delta", "denim", "desert", "dolphin", "dune", "eagle",
            "echo", "ember", "falcon", "fern", "fjord", "flint", "forest", "fossil", "galaxy", "garnet", "glacier",
            "granite", "harbor", "hazel", "heron", "hollow", "honey", "indigo", "iris", "island", "ivory", "jade",
            "jasmine", "jungle", "juniper", "kayak", "kernel", "kite", "lagoon", "lantern", "lemon", "lilac", "linen",
            "lotus", "lunar", "magnet", "maple", "marble", "meadow", "mercury", "mesa", "mint", "mosaic", "nectar",
            "nickel", "nova", "oak", "oasis", "ocean", "olive", "onyx", "orbit", "orchid", "otter", "pebble",
            "pepper", "pine", "planet", "plum", "polar", "prairie", "quartz", "quill", "rain", "raven", "reef",
            "ridge", "river", "robin", "rocket", "saffron", "sage", "salmon", "sand", "sapphire", "shadow", "sierra",
            "silver", "spruce", "storm", "summit", "swan", "thistle", "thunder", "tiger", "topaz", "tulip", "tundra",
            "velvet", "violet", "walnut", "willow", "winter", "zephyr");
    private static final Pattern FORMAT = Pattern.compile("\\d{4}(-[a-z]+){3}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RelayCode() {
    }

    public static String generate() {
        StringBuilder code = new StringBuilder(String.format(Locale.ROOT, "%04d", RANDOM.nextInt(10_000)));
        for (int i = 0; i < 3; i++) {
            code.append('-').append(WORDS.get(RANDOM.nextInt(WORDS.size())));
        }
        return code.toString();
    }

    /** @throws IllegalArgumentException for anything that is not a code {@link #generate()} could make */
    public static String check(String code) {
        String normalized = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(normalized).matches()) {
            throw new IllegalArgumentException("a code looks like 4821-amber-falcon-river, got \"" + code + "\"");
        }
        return normalized;
    }

    /**
     * The J-PAKE password: the words, without the public number, so that only what is secret goes
     * into the key (and an in-test relay between two meeting places is possible).
     */
    static String secret(String code) {
        return check(code).substring(5);
    }

    /** The subject token both sides derive from the code's number (never from its secret words). */
    static String channel(String code) {
        String number = check(code).substring(0, 4);
        byte[] digest = Sha256.digest().digest(("wirehub-relay:" + number).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
