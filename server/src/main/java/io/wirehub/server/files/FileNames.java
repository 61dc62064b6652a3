package io.wirehub.server.files;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a stored file may be called: one plain name, no directories. Everything that could reach
 * outside the store or surprise another system is refused rather than rewritten (ATTACKS 18):
 * separators, {@code ..}, absolute paths, drive letters, NUL and control characters, names that
 * start with a dot (the store's own state lives in dot-directories), and Windows device names.
 */
public final class FileNames {
    public static final int MAX_LENGTH = 255;
    /** Letters, digits and a few punctuation marks; the first character a letter or digit. */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._+@=,()\\[\\]-]*");
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9", "conin$", "conout$");

    private FileNames() {
    }

    /**
     * Returns the name if it is acceptable.
     *
     * @throws FileServiceException saying what is wrong with it
     */
    public static String check(String name) throws FileServiceException {
        if (name == null || name.isEmpty()) {
            throw new FileServiceException("a file name is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new FileServiceException("file name longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new FileServiceException("file name \"" + printable(name) + "\" contains a path separator");
        }
        if (name.indexOf('\0') >= 0 || name.chars().anyMatch(Character::isISOControl)) {
            throw new FileServiceException("file name contains a NUL or control character");
        }
        if (name.contains("..")) {
            throw new FileServiceException("file name \"" + printable(name) + "\" contains \"..\"");
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            throw new FileServiceException("file name \"" + printable(name) + "\" looks like a drive letter");
        }
        if (!ALLOWED.matcher(name).matches() || name.endsWith(" ") || name.endsWith(".")) {
            throw new FileServiceException("file name \"" + printable(name)
                    + "\" must start with a letter or digit and hold only letters, digits, spaces and ._+@=,()[]-");
        }
        String stem = name.toLowerCase(Locale.ROOT);
        int dot = stem.indexOf('.');
        if (DEVICES.contains(dot < 0 ? stem : stem.substring(0, dot))) {
            throw new FileServiceException("file name \"" + name + "\" is a device name");
        }
        return name;
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
