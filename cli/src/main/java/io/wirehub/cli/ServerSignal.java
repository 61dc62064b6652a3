package io.wirehub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code wirehub serve --signal COMMAND[=PID]}: sends a signal to a running server, as
 * {@code nats-server --signal} does, with its words: {@code stop} (KILL), {@code quit} (INT),
 * {@code term} (TERM), {@code reopen} (USR1: reopen the log), {@code reload} (HUP) and {@code ldm}
 * (USR2: lame duck mode). PID is a process id, a pid file (as written by {@code --pid}), or ends in
 * {@code *} to signal every server whose id starts with it; without one, the single running
 * server is found by its command line, and several are an error listing them.
 *
 * <p>The JDK can send only TERM and KILL, so the signal goes through {@code kill(1)}, which every
 * Linux and macOS has.
 */
final class ServerSignal {
    private ServerSignal() {
    }

    /** The signal name {@code kill -s} takes for a nats-server command word. */
    static String signalFor(String command) {
        return switch (command) {
            case "stop" -> "KILL";
            case "quit" -> "INT";
            case "term" -> "TERM";
            case "reopen" -> "USR1";
            case "reload" -> "HUP";
            case "ldm" -> "USR2";
            default -> throw new UserFacingException("unknown signal \"" + command + "\"");
        };
    }

    /** Sends the signal {@code commandAndPid} names ({@code reload}, {@code reload=4711}, {@code ldm=/run/w.pid}). */
    static void send(String commandAndPid) {
        String[] parts = commandAndPid.split("=", -1);
        if (parts.length > 2) {
            throw new UserFacingException("invalid signal parameters: " + List.of(parts).subList(2, parts.length));
        }
        String signal = signalFor(parts[0].toLowerCase(Locale.ROOT));
        String pidExpression = parts.length == 2 ? maybeReadPidFile(parts[1].strip()) : "";
        boolean glob = pidExpression.endsWith("*");
        String pidText = glob ? pidExpression.substring(0, pidExpression.length() - 1) : pidExpression;
        List<Long> targets = new ArrayList<>();
        if (!pidText.isEmpty() && !glob) {
            try {
                targets.add(Long.parseLong(pidText));
            } catch (NumberFormatException e) {
                throw new UserFacingException("invalid pid: " + pidText);
            }
        } else {
            List<Long> running = runningServers();
            for (long pid : running) {
                if (Long.toString(pid).startsWith(pidText)) {
                    targets.add(pid);
                }
            }
            if (targets.size() > 1 && !glob) {
                StringBuilder message = new StringBuilder("multiple wirehub processes running:");
                targets.forEach(pid -> message.append('\n').append(pid));
                throw new UserFacingException(message.toString());
            }
        }
        if (targets.isEmpty()) {
            throw new UserFacingException("no wirehub processes running");
        }
        StringBuilder failures = new StringBuilder();
        for (long pid : targets) {
            String failure = kill(signal, pid);
            if (failure != null) {
                failures.append("\nsignal \"").append(parts[0]).append("\" ").append(pid).append(": ").append(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new UserFacingException(failures.substring(1));
        }
    }

    /** A pid file's content when the text names a readable file, else the text itself (as nats-server). */
    private static String maybeReadPidFile(String text) {
        try {
            Path file = Path.of(text);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
        } catch (IOException | RuntimeException notAFile) {
            // Not a readable file: the text is the pid.
        }
        return text;
    }

    /** Servers running on this machine that this user can see: {@code wirehub serve}, or started as nats-server. */
    static List<Long> runningServers() {
        long self = ProcessHandle.current().pid();
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            if (process.pid() != self && isServer(process.info())) {
                pids.add(process.pid());
            }
        });
        pids.sort(null);
        return pids;
    }

    private static boolean isServer(ProcessHandle.Info info) {
        String[] arguments = info.arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("io.wirehub.cli.Main") && arguments[i + 1].equals("serve")) {
                return !List.of(arguments).contains("--signal") && !List.of(arguments).contains("-sl")
                        && !List.of(arguments).contains("-signal");
            }
        }
        return false;
    }

    /** @return null when sent, else why not */
    private static String kill(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return "kill(1) did not finish";
            }
            return kill.exitValue() == 0 ? null : said.isEmpty() ? "kill(1) failed" : said;
        } catch (IOException e) {
            return "cannot run kill(1): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
