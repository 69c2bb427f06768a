package io.atrium.agent.containerizer;

import io.atrium.protocol.agent.FetchUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Mesos' fetcher: puts a task's URIs into its sandbox before the command starts — downloads
 * (http, https) or copies (file: URLs, absolute paths), at most {@code maxBytes} each;
 * unpacks archives unless told not to; sets the executable bit on request; keeps files asked
 * to be cached in a content-addressed store shared by all tasks (an index from URI to the
 * SHA-256 of its content, and the contents by hash). What it does goes to the sandbox's
 * {@code stderr}, as Mesos' fetcher writes there.
 *
 * <p>Blocking: run it off the agent's loop.
 */
public final class Fetcher {

    private final Path cache;
    private final long maxBytes;
    private final List<Path> localRoots;
    private final HttpClient http;

    /**
     * @param localRoots the only directories local files ({@code file:} URLs, absolute paths)
     *     may come from; the agent reads them as root, so anything else is refused
     */
    public Fetcher(Path cache, long maxBytes, List<Path> localRoots) {
        this.cache = cache;
        this.maxBytes = maxBytes;
        this.localRoots = localRoots.stream().map(Fetcher::real).toList();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A URI that could not be fetched, and why. */
    public static final class FetchException extends Exception {
        FetchException(String message) {
            super(message);
        }
    }

    /** Fetches every URI into {@code sandbox}, stopping at the first failure. */
    public void fetch(List<FetchUri> uris, Path sandbox) throws FetchException {
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(
                sandbox.resolve("stderr"),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            for (FetchUri uri : uris) {
                try {
                    fetch(uri, sandbox, log);
                } catch (FetchException e) {
                    log.println("atrium-fetcher: " + e.getMessage());
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new FetchException("could not write the fetch log: " + e.getMessage());
        }
    }

    private void fetch(FetchUri uri, Path sandbox, PrintWriter log) throws FetchException {
        String name = uri.getOutputFile() != null ? uri.getOutputFile() : lastSegment(uri.getValue());
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
            throw new FetchException("cannot name a file after " + uri.getValue() + ": give it an outputFile");
        }
        Path target = sandbox.resolve(name);
        try {
            if (Boolean.TRUE.equals(uri.getCache())) {
                Path blob = cached(uri.getValue(), log);
                Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                download(uri.getValue(), target, log);
            }
            if (Boolean.TRUE.equals(uri.getExecutable()) && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (!Boolean.FALSE.equals(uri.getExtract()) && archive(name) != null) {
                extract(target, archive(name), sandbox);
                log.println("atrium-fetcher: extracted " + name);
            }
        } catch (IOException e) {
            throw new FetchException("could not fetch " + uri.getValue() + ": " + e.getMessage());
        }
    }

    /** The cached copy of {@code uri}, fetched into the cache first if it is not there. */
    private Path cached(String uri, PrintWriter log) throws IOException, FetchException {
        Path index = cache.resolve("index").resolve(sha256(uri.getBytes(StandardCharsets.UTF_8)));
        if (Files.exists(index)) {
            Path blob = cache.resolve("blobs").resolve(Files.readString(index).strip());
            if (Files.exists(blob)) {
                log.println("atrium-fetcher: " + uri + " from the cache");
                return blob;
            }
        }
        Files.createDirectories(cache.resolve("blobs"));
        Files.createDirectories(index.getParent());
        Path download = Files.createTempFile(cache.resolve("blobs"), "download-", ".part");
        try {
            String hash = download(uri, download, log);
            Path blob = cache.resolve("blobs").resolve(hash);
            Files.move(download, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path indexPart = Files.createTempFile(index.getParent(), "index-", ".part");
            Files.writeString(indexPart, hash);
            Files.move(indexPart, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return blob;
        } finally {
            Files.deleteIfExists(download);
        }
    }

    /** Writes the content of {@code uri} to {@code target}; returns its SHA-256. */
    private String download(String uri, Path target, PrintWriter log) throws IOException, FetchException {
        URI parsed = parse(uri);
        MessageDigest digest = sha256();
        Files.deleteIfExists(target); // a link an earlier archive left there goes, it is not written through
        try (InputStream in = open(parsed);
                OutputStream out = new DigestOutputStream(
                        Files.newOutputStream(
                                target,
                                StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS),
                        digest)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new FetchException(uri + " is larger than the fetch limit of " + maxBytes / (1024 * 1024)
                            + " MiB (ATRIUM_AGENT_FETCH_MAX_MB)");
                }
                out.write(buffer, 0, read);
            }
            log.println("atrium-fetcher: fetched " + uri + " (" + total + " bytes)");
        } catch (FetchException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private InputStream open(URI uri) throws IOException, FetchException {
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                HttpResponse<InputStream> response;
                try {
                    response = http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofMinutes(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FetchException("interrupted while fetching " + uri);
                }
                if (response.statusCode() / 100 != 2) {
                    response.body().close();
                    throw new FetchException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                return response.body();
            }
            case "file" -> {
                Path path = Path.of(uri.getPath());
                if (!Files.isRegularFile(path)) {
                    throw new FetchException(path + " is not a file on this agent");
                }
                Path real = real(path);
                if (localRoots.stream().noneMatch(real::startsWith)) {
                    throw new FetchException(path + " is not in a directory local files may be fetched from"
                            + " (ATRIUM_AGENT_FETCH_LOCAL_DIRS: " + (localRoots.isEmpty() ? "none" : localRoots) + ")");
                }
                return Files.newInputStream(real);
            }
            default -> throw new FetchException("cannot fetch " + uri + ": only http, https and file URIs");
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static URI parse(String uri) throws FetchException {
        try {
            return uri.startsWith("/") ? Path.of(uri).toUri() : URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new FetchException("'" + uri + "' is not a URI");
        }
    }

    private static String lastSegment(String uri) {
        String path;
        try {
            path = parse(uri).getPath();
        } catch (FetchException e) {
            return "";
        }
        if (path == null) {
            return "";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** tar's flag for an archive name, "zip" for zip files, null for anything else. */
    private static String archive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return "-z";
        }
        if (lower.endsWith(".tar.bz2")) {
            return "-j";
        }
        if (lower.endsWith(".tar.xz") || lower.endsWith(".txz")) {
            return "-J";
        }
        if (lower.endsWith(".tar")) {
            return "";
        }
        return lower.endsWith(".zip") ? "zip" : null;
    }

    private static void extract(Path archive, String kind, Path sandbox) throws IOException, FetchException {
        if (kind.equals("zip")) {
            unzip(archive, sandbox);
            return;
        }
        // GNU tar refuses members that climb out of the directory (.., absolute names) and makes links
        // last; --keep-old-files keeps an archive from replacing stdout, stderr or an earlier file.
        List<String> command = new ArrayList<>(List.of("tar", "-x"));
        if (!kind.isEmpty()) {
            command.add(kind);
        }
        command.addAll(List.of(
                "--no-same-owner",
                "--no-same-permissions",
                "--keep-old-files",
                "-f",
                archive.toString(),
                "-C",
                sandbox.toString()));
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (tar.waitFor() != 0) {
                throw new FetchException("could not extract " + archive.getFileName() + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while extracting " + archive.getFileName());
        }
    }

    private static void unzip(Path archive, Path sandbox) throws IOException, FetchException {
        Path root = sandbox.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new FetchException(archive.getFileName() + " holds " + entry.getName()
                            + ", which would land outside the sandbox");
                }
                requireNoLinks(root, target);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(
                            target,
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                        zip.transferTo(out);
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        throw new FetchException(archive.getFileName() + " holds " + entry.getName()
                                + ", which is already in the sandbox");
                    }
                }
            }
        }
    }

    /** No directory between {@code root} and {@code target} may be a link (it could lead out). */
    private static void requireNoLinks(Path root, Path target) throws FetchException {
        for (Path dir = target.getParent();
                dir != null && dir.startsWith(root) && !dir.equals(root);
                dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw new FetchException(
                        "the sandbox's " + root.relativize(dir) + " is a link: refusing to unpack into it");
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
