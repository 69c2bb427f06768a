package io.atrium.agent;

import io.atrium.agent.containerizer.Container;
import io.atrium.agent.containerizer.Containerizer;
import io.atrium.protocol.agent.HealthCheck;
import io.atrium.protocol.agent.TaskInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three kinds of health check: an HTTP GET or a TCP connect to the task's port on
 * 127.0.0.1 (so they see the host network: a task with network {@code none} needs a
 * COMMAND check), or a command run inside the task's container as its user.
 */
final class HealthProbes {

    private final Containerizer containerizer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HealthProbes(Containerizer containerizer) {
        this.containerizer = containerizer;
    }

    HealthChecker.Probe probe(TaskInfo info, Container container, ProcessHandle supervisor, HealthCheck check) {
        return switch (check.getType()) {
            case HTTP ->
                timeout -> {
                    String path = check.getPath() == null ? "/" : check.getPath();
                    URI uri = URI.create("http://127.0.0.1:" + port(container, check) + path);
                    HttpResponse<Void> response = http.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() >= 400) {
                        throw new IOException("GET " + path + " answered HTTP " + response.statusCode());
                    }
                    return response.statusCode() >= 200;
                };
            case TCP ->
                timeout -> {
                    int port = port(container, check);
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
                        return true;
                    }
                };
            case COMMAND ->
                timeout -> {
                    Process process = containerizer
                            .checkCommand(container, info, supervisor, check.getCommand())
                            .start();
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        throw new IOException("the command took longer than " + timeout.toMillis() + " ms");
                    }
                    if (process.exitValue() != 0) {
                        throw new IOException("the command exited with status " + process.exitValue());
                    }
                    return true;
                };
        };
    }

    private static int port(Container container, HealthCheck check) throws IOException {
        // An explicit port may be any on the host (jobs cannot hold ports yet); see the issue note.
        if (check.getPort() != null) {
            return check.getPort().intValue();
        }
        List<Integer> ports = container.resources().ports();
        int index = check.getPortIndex() == null ? 0 : check.getPortIndex().intValue();
        if (index >= ports.size()) {
            throw new IOException("the task has no port at index " + index + " (it holds " + ports.size() + ")");
        }
        return ports.get(index);
    }
}
