package io.wirehub.cli.files;

import io.wirehub.cli.UserFacingException;
import io.wirehub.client.files.RelayCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where {@code send} and {@code receive} take a relay code from, never the command line: other
 * users of the machine can read every process's arguments ({@code ps}, /proc), and a code read
 * there before the receiver uses it lets them take the files (croc refuses it for the same
 * reason). In order: {@code --code-file FILE} (its first line), {@value #VARIABLE}, then the
 * caller's fallback (a prompt, stdin, or a new code).
 */
public final class RelayCodeInput {
    /** Named as natscli names its variables (NATS_URL, NATS_CREDS), as croc has CROC_SECRET. */
    public static final String VARIABLE = "WIREHUB_RELAY_CODE";

    private RelayCodeInput() {
    }

    /** The one-line refusal of a code given as an argument, saying why and what to do instead. */
    public static UserFacingException refuseArgument(String verb) {
        return new UserFacingException("not taking the code from the command line, where other users of this machine"
                + " can read it (ps); " + (verb.equals("receive") ? "type it when asked, pipe it on stdin, " : "")
                + "use --code-file FILE, or set " + VARIABLE);
    }

    /**
     * @param fallback asked only when neither the file nor the variable gives a code; may return null
     * @param warn told when the code file is readable by other users (as ssh warns of a key file)
     * @return the normalized code, or null when none was given anywhere
     */
    public static String read(Path codeFile, Map<String, String> environment, Supplier<String> fallback,
            Consumer<String> warn) {
        String raw;
        if (codeFile != null) {
            raw = firstLine(codeFile);
            if (readableByOthers(codeFile)) {
                warn.accept("warning: " + codeFile + " is readable by other users, who could use the code first"
                        + " (chmod 600 it)");
            }
        } else if (environment.get(VARIABLE) != null && !environment.get(VARIABLE).isBlank()) {
            raw = environment.get(VARIABLE);
        } else {
            raw = fallback.get();
        }
        if (raw == null) {
            return null;
        }
        try {
            return RelayCode.check(raw);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // not a POSIX file system: nothing to say
        }
    }

    private static String firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isBlank()) {
                throw new UserFacingException(file + ": empty, expected a code like 4821-amber-falcon-river");
            }
            return line;
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot read the code: " + e.getMessage(), e);
        }
    }
}
