package io.atrium.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Waiting for a child process to become ready. A process that dies while we wait fails at
 * once, naming its log; one that is too slow fails with the timeout and its log.
 */
public final class Waits {

    private static final Duration POLL = Duration.ofMillis(250);

    private Waits() {}

    /** Until {@code url} answers 200. */
    public static void httpOk(ChildProcess process, URI url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                process.requireAlive();
                try {
                    HttpResponse<Void> response = http.send(
                            HttpRequest.newBuilder(url)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("Interrupted while waiting for " + process.name(), e);
        }
        throw tooSlow(process, timeout);
    }

    /** Until the process's log contains {@code text}. */
    public static void logLine(ChildProcess process, String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                process.requireAlive();
                if (Files.exists(process.logFile())
                        && Files.readString(process.logFile()).contains(text)) {
                    return;
                }
                pause();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("Interrupted while waiting for " + process.name(), e);
        }
        throw tooSlow(process, timeout);
    }

    private static InfraException tooSlow(ChildProcess process, Duration timeout) {
        return new InfraException(process.name() + " did not become ready within " + timeout.toSeconds() + " s; see "
                + process.logFile());
    }

    private static void pause() throws InterruptedException {
        // Runtime code (the launcher and the test resources both call it), not a test: a child
        // process offers no readiness event, so polling at a fixed short interval is the wait.
        Thread.sleep(POLL);
    }
}
