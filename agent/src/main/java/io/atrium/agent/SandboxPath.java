package io.atrium.agent;

import io.atrium.protocol.agent.FileFault;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Confines a path the master asks for to a task's sandbox. The task owns its sandbox and may
 * have put anything there, symbolic links to {@code /etc} included, so a path is checked
 * twice:
 *
 * <pre>
 *   "logs/app.log" ─ segments() ─▶ [logs, app.log]      no '/', '..', '.', NUL, empty segment
 *                  ─ resolve()  ─▶ [data, app.log]      links followed by hand, each step must stay
 *                                                       inside the sandbox's real path
 *                  ─ open()     ─▶ openat(NOFOLLOW) step by step from the sandbox's directory
 * </pre>
 *
 * The last step opens the resolved segments relative to the sandbox directory without
 * following any link, so a link the task swaps in between the check and the open fails the
 * open instead of leading out ({@link SecureDirectoryStream}, {@code openat(2)} on Linux).
 * Not responsible for what the file holds or whether it is a plain file.
 */
final class SandboxPath {

    /** More links than this on one path is a loop (Linux' own limit). */
    static final int MAX_LINKS = 40;

    static final int MAX_LENGTH = 4096;

    /** Why a path is not served, with the kind of failure the master maps to a status. */
    static final class Refused extends Exception {
        private final FileFault fault;

        Refused(FileFault fault, String message) {
            super(message, null, false, false);
            this.fault = fault;
        }

        FileFault fault() {
            return fault;
        }
    }

    private SandboxPath() {}

    /** The segments of a relative, '/'-separated path; empty for the sandbox itself. */
    static List<String> segments(String path) throws Refused {
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        if (path.length() > MAX_LENGTH) {
            throw invalid("is longer than " + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/")) {
            throw invalid("must be relative to the sandbox, not absolute");
        }
        if (path.indexOf('\0') >= 0) {
            throw invalid("must not contain a NUL character");
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw invalid("must not contain empty or '.' segments");
            }
            if (segment.equals("..")) {
                throw invalid("must not contain '..'");
            }
            segments.add(segment);
        }
        return segments;
    }

    /**
     * The segments of {@code path} with every symbolic link on the way resolved, relative to
     * {@code root} (a real path, no links in it): the entry the path names, if the links lead
     * somewhere inside the sandbox. A path through a link out of the sandbox is refused even
     * when its target does not exist; a missing entry is {@link FileFault#NOT_FOUND}.
     */
    static List<String> resolve(Path root, String path) throws Refused {
        Deque<String> todo = new ArrayDeque<>(segments(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String segment = todo.pop();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    throw outside(path);
                }
                resolved.removeLast();
                continue;
            }
            Path here = root.resolve(String.join("/", resolved)).resolve(segment);
            if (!Files.isSymbolicLink(here)) {
                if (!todo.isEmpty() && !Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
                    throw Files.exists(here, LinkOption.NOFOLLOW_LINKS)
                            ? new Refused(FileFault.NOT_A_DIRECTORY, "'" + segment + "' in '" + path + "' is a file")
                            : notFound(path);
                }
                if (todo.isEmpty() && !Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
                    throw notFound(path);
                }
                resolved.add(segment);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw invalid("has more than " + MAX_LINKS + " symbolic links on the way (a loop?)");
            }
            Path target;
            try {
                target = Files.readSymbolicLink(here);
            } catch (IOException e) {
                throw notFound(path);
            }
            if (target.isAbsolute()) {
                if (!target.startsWith(root)) {
                    throw outside(path);
                }
                target = root.relativize(target);
                resolved.clear();
            }
            List<String> next = new ArrayList<>();
            target.forEach(part -> next.add(part.toString()));
            for (String part : next.reversed()) {
                todo.push(part);
            }
        }
        return List.copyOf(resolved);
    }

    /**
     * Opens the directory at {@code segments} (from {@link #resolve}) below the sandbox
     * directory, step by step, following no link. The caller closes it.
     */
    static SecureDirectoryStream<Path> openDirectory(Path root, List<String> segments) throws IOException, Refused {
        DirectoryStream<Path> opened = Files.newDirectoryStream(root);
        if (!(opened instanceof SecureDirectoryStream<Path> directory)) {
            opened.close();
            // Without openat there is no race-free way to stay inside; refuse rather than risk it.
            throw new Refused(FileFault.UNREADABLE, "this platform cannot open sandbox files safely");
        }
        try {
            for (String segment : segments) {
                SecureDirectoryStream<Path> next =
                        directory.newDirectoryStream(Path.of(segment), LinkOption.NOFOLLOW_LINKS);
                directory.close();
                directory = next;
            }
            return directory;
        } catch (NoSuchFileException e) {
            directory.close();
            throw new Refused(FileFault.NOT_FOUND, "it changed while it was being opened");
        } catch (IOException e) {
            directory.close();
            // ELOOP / ENOTDIR: a link or a file took a directory's place since it was checked.
            throw new Refused(FileFault.INVALID_PATH, "it changed while it was being opened");
        }
    }

    private static Refused invalid(String reason) {
        return new Refused(FileFault.INVALID_PATH, "the path " + reason);
    }

    private static Refused outside(String path) {
        return new Refused(FileFault.INVALID_PATH, "'" + path + "' leads out of the sandbox");
    }

    private static Refused notFound(String path) {
        return new Refused(FileFault.NOT_FOUND, "no '" + path + "' in the sandbox");
    }
}
