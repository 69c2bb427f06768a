package io.atrium.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@code ./atrium} from the repository the way a person would, output to a file. */
final class AtriumScript {

    static final Path REPO =
            Path.of(System.getProperty("atrium.repo", "../..")).toAbsolutePath().normalize();
    static final Path WORK =
            Path.of(System.getProperty("atrium.test.work-dir", "target/it")).toAbsolutePath();

    private AtriumScript() {}

    /** Starts {@code ./atrium args} with {@code env} added; stdout and stderr go to {@code output}. */
    static Process start(Map<String, String> env, Path output, String... args) {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("atrium").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(output.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ./atrium args} to completion (at most two minutes). */
    static Result run(Map<String, String> env, String... args) {
        Path output = WORK.resolve("out-" + System.nanoTime() + ".txt");
        Process process = start(env, output, args);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./atrium " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PATH with every command of this machine except {@code hidden}: symbolic links in a
     * folder of its own, so a test can take a tool away without touching the machine.
     */
    static String pathWithout(String name, Set<String> hidden) {
        Path bin = WORK.resolve("path-without-" + name);
        try {
            if (!Files.exists(bin)) {
                Files.createDirectories(bin);
                for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin")) {
                    if (!Files.isDirectory(Path.of(dir))) {
                        continue;
                    }
                    try (Stream<Path> tools = Files.list(Path.of(dir))) {
                        for (Path tool : tools.toList()) {
                            String toolName = tool.getFileName().toString();
                            Path link = bin.resolve(toolName);
                            if (!hidden.contains(toolName)
                                    && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                                Files.createSymbolicLink(link, tool);
                            }
                        }
                    }
                }
            }
            return bin.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> env(Map<String, String> values) {
        return new HashMap<>(values);
    }

    /** What a finished command printed and how it exited. */
    record Result(int exitCode, String output) {

        List<String> lines() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
