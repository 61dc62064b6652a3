package io.wirehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server process holds in memory: its resident set from /proc (both servers), and, for
 * Wirehub's JVM, the heap still in use after a full collection (through jcmd), which is what
 * live objects cost; a JVM's resident set mostly shows how much heap it has committed so far.
 */
final class ServerMemory {
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total.*?used (\\d+)K", Pattern.DOTALL);

    private ServerMemory() {
    }

    static long residentBytes(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        Matcher matcher = RSS.matcher(status);
        if (!matcher.find()) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /** Runs a full GC in the JVM {@code pid}, then reads the heap in use. */
    static long liveHeapBytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher matcher = HEAP_USED.matcher(info);
        if (!matcher.find()) {
            throw new IOException("cannot read the heap in use from jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }
}
