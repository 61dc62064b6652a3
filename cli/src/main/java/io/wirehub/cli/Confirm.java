package io.wirehub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** natscli's askConfirmation: a "[y/N]" question on stderr, answered on stdin; anything but y/yes is no. */
final class Confirm {
    private Confirm() {
    }

    static boolean ask(Console console, String question) throws IOException {
        console.err().print("? " + question + " (y/N) ");
        console.err().flush();
        String answer = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
