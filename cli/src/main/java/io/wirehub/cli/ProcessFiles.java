package io.wirehub.cli;

import io.wirehub.server.util.IpText;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pid file and the ports file nats-server writes ({@code -P}, {@code --ports_file_dir}), so
 * scripts and harnesses that read them work with Wirehub. The ports file is removed on close, as
 * nats-server removes it at shutdown; the pid file stays, as with nats-server.
 */
final class ProcessFiles implements AutoCloseable {
    private static final String EXECUTABLE = "wirehub";

    private final Path portsFile;

    private ProcessFiles(Path portsFile) {
        this.portsFile = portsFile;
    }

    static ProcessFiles write(ServerConfig config, Wirehub server) {
        long pid = ProcessHandle.current().pid();
        if (config.pidFile() != null) {
            writeFile(config.pidFile(), Long.toString(pid), "pid file");
        }
        Path portsFile = null;
        if (config.portsFileDir() != null) {
            portsFile = config.portsFileDir().resolve(EXECUTABLE + "_" + pid + ".ports");
            writeFile(portsFile, portsJson(config, server), "ports file");
        }
        return new ProcessFiles(portsFile);
    }

    /**
     * {@code {"nats":["nats://HOST:PORT", ...],"monitoring":["http://HOST:PORT", ...]}}: every
     * address a client could use; monitoring only when it is on.
     */
    static String portsJson(ServerConfig config, Wirehub server) {
        String json = "{\"nats\":[" + urls("nats", config.host(), server.port());
        if (server.monitoringPort() != 0) {
            json += "],\"monitoring\":[" + urls("http", config.monitoring().host(), server.monitoringPort());
        }
        if (server.webSocketPort() != 0) {
            json += "],\"websocket\":[" + urls(config.websocket().scheme(), config.websocket().host(),
                    server.webSocketPort());
        }
        return json + "]}";
    }

    private static String urls(String scheme, String host, int port) {
        List<String> urls = new ArrayList<>();
        for (String address : advertisedAddresses(host)) {
            urls.add("\"" + scheme + "://" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port
                    + "\"");
        }
        return String.join(",", urls);
    }

    private static List<String> advertisedAddresses(String host) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
        if (!wildcard) {
            return List.of(host);
        }
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    boolean v6 = address instanceof Inet6Address;
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || (v6 && host.equals("0.0.0.0"))) {
                        continue;
                    }
                    addresses.add(IpText.of(address));
                }
            }
        } catch (SocketException e) {
            // No interface list: fall back to loopback below.
        }
        if (addresses.isEmpty()) {
            addresses.add(host.equals("::") ? "::1" : "127.0.0.1");
        }
        return addresses;
    }

    /**
     * Writes under a temporary name, then renames: a harness polling for the file never reads it
     * half written (it appears whole or not at all).
     */
    private static void writeFile(Path file, String content, String what) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The write already failed; that is what is reported.
            }
            throw new UserFacingException("cannot write " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (portsFile != null) {
            try {
                Files.deleteIfExists(portsFile);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(ProcessFiles.class)
                        .error("Error cleaning up ports file {}: {}", portsFile, e.getMessage());
            }
        }
    }
}
