package io.wirehub.client.files;

import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a relay transfer offers: files under relative paths ({@code dir/sub/a.txt}), with sizes and
 * digests, and the chunk size. It travels encrypted; the receiver still treats every path as
 * hostile and refuses (never rewrites) one that could land outside its directory or surprise the
 * file system: absolute paths, drive letters, {@code .} and {@code ..} segments, backslashes,
 * control characters, empty segments and Windows device names (the rules of the file store's
 * names, applied to each segment).
 */
public record RelayManifest(List<Entry> entries, int chunkSize) {
    private static final int MAX_SEGMENT = 255;
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9", "conin$", "conout$");

    /** One file: its path relative to the receiver's directory, with {@code /} between segments. */
    public record Entry(String path, long size, String sha256) {
    }

    public long totalSize() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    /**
     * The files to send for command-line arguments: a file under its own name, a directory's regular
     * files under the directory's name (symbolic links inside it are neither followed nor sent).
     *
     * @return relative path to local file, in a stable order
     */
    public static Map<String, Path> collect(List<Path> arguments) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path argument : arguments) {
            Path absolute = argument.toAbsolutePath().normalize();
            Path base = absolute.getParent();
            if (Files.isRegularFile(argument)) {
                add(files, absolute.getFileName().toString(), absolute);
            } else if (Files.isDirectory(argument)) {
                try (Stream<Path> walk = Files.walk(absolute)) {
                    // NOFOLLOW_LINKS: a link in a folder could point anywhere (~/.ssh); it is not sent.
                    for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .sorted().toList()) {
                        String relative = base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                        add(files, relative, file);
                    }
                }
            } else {
                throw new FileTransferException(argument + ": no such file or directory");
            }
        }
        if (files.isEmpty()) {
            throw new FileTransferException("nothing to send: no regular files in " + arguments);
        }
        return files;
    }

    private static void add(Map<String, Path> files, String relative, Path file) throws FileTransferException {
        if (files.putIfAbsent(relative, file) != null) {
            throw new FileTransferException("two files would be sent as " + relative);
        }
        checkPath(relative);
    }

    /**
     * Returns the path if a receiver may write it under its directory.
     *
     * @throws FileTransferException saying what is wrong with it
     */
    public static String checkPath(String path) throws FileTransferException {
        if (path == null || path.isEmpty()) {
            throw new FileTransferException("the sender offers a file without a name");
        }
        String shown = path.replaceAll("\\p{Cntrl}", "?");
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw new FileTransferException("unsafe path \"" + shown + "\": control character");
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || (path.length() >= 2 && path.charAt(1) == ':')) {
            throw new FileTransferException("unsafe path \"" + shown + "\": absolute, drive letter or backslash");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new FileTransferException("unsafe path \"" + shown + "\": empty, \".\" or \"..\" segment");
            }
            if (segment.length() > MAX_SEGMENT || segment.endsWith(" ") || segment.endsWith(".")) {
                throw new FileTransferException("unsafe path \"" + shown + "\": segment too long or ends in a dot or space");
            }
            String stem = segment.toLowerCase(Locale.ROOT);
            int dot = stem.indexOf('.');
            if (DEVICES.contains(dot < 0 ? stem : stem.substring(0, dot))) {
                throw new FileTransferException("unsafe path \"" + shown + "\": device name");
            }
        }
        return path;
    }

    byte[] toJson() {
        List<JsonValue> files = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, JsonValue> file = new LinkedHashMap<>();
            file.put("path", new JsonValue(entry.path()));
            file.put("size", new JsonValue(entry.size()));
            file.put("sha256", new JsonValue(entry.sha256()));
            files.add(new JsonValue(file));
        }
        Map<String, JsonValue> json = new LinkedHashMap<>();
        json.put("files", new JsonValue(files));
        json.put("chunk_size", new JsonValue(chunkSize));
        return new JsonValue(json).toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses and checks a manifest from the sender: every path safe, no path twice, sane sizes. */
    static RelayManifest parse(byte[] data) throws FileTransferException {
        JsonValue json = Requests.parse(data);
        JsonValue files = json.map == null ? null : json.map.get("files");
        int chunkSize = JsonValueUtils.readInteger(json, "chunk_size", 0);
        if (files == null || files.array == null || files.array.isEmpty() || chunkSize <= 0) {
            throw new FileTransferException("the sender's list of files is malformed");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonValue file : files.array) {
            String path = checkPath(JsonValueUtils.readString(file, "path"));
            long size = JsonValueUtils.readLong(file, "size", -1);
            String sha256 = JsonValueUtils.readString(file, "sha256");
            if (size < 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new FileTransferException("the sender's entry for " + path + " is malformed");
            }
            if (!seen.add(path.toLowerCase(Locale.ROOT))) {
                throw new FileTransferException("the sender offers " + path + " twice");
            }
            entries.add(new Entry(path, size, sha256));
        }
        return new RelayManifest(List.copyOf(entries), chunkSize);
    }
}
