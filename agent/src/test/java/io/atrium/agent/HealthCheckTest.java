package io.atrium.agent;

import static io.atrium.agent.RunnerHarness.on;
import static io.atrium.agent.RunnerHarness.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.atrium.agent.containerizer.Containerizer;
import io.atrium.protocol.agent.HealthCheck;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health checks against real servers and real commands; health changes arrive as TASK_RUNNING updates. */
class HealthCheckTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private RunnerHarness harness;
    private ScheduledExecutorService loop;
    private Containerizer containerizer;
    private TaskRunner runner;

    @BeforeEach
    void start() throws Exception {
        harness = new RunnerHarness(work);
        loop = harness.newLoop();
        containerizer = Containerizer.create(Containerizer.Settings.defaults(work));
        runner = harness.runner(loop, containerizer, Duration.ofMillis(500));
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        containerizer.recover(Set.of());
    }

    private static HealthCheck quick(HealthCheck.Type type) {
        return new HealthCheck()
                .withType(type)
                .withDelaySeconds(0.0)
                .withIntervalSeconds(0.2)
                .withTimeoutSeconds(1.0)
                .withConsecutiveFailures(2L);
    }

    /** The health flags the task's updates carried, in order. */
    private List<Boolean> health(String task) {
        return harness.reported.stream()
                .filter(s -> s.getTaskId().equals(task) && s.getHealthy() != null)
                .map(TaskStatus::getHealthy)
                .toList();
    }

    private static HttpServer server(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void anHttpCheckTurnsUnhealthyWhenTheServerStopsAnsweringAndHealthyWhenItIsBack() throws Exception {
        HttpServer server = server(0);
        int port = server.getAddress().getPort();
        on(
                loop,
                runner,
                r -> r.launch(task("web", "sleep 60")
                        .withHealthCheck(quick(HealthCheck.Type.HTTP)
                                .withPort((long) port)
                                .withPath("/health"))));

        await().atMost(PATIENCE).until(() -> health("web").equals(List.of(true)));
        server.stop(0);
        await().atMost(PATIENCE).until(() -> health("web").equals(List.of(true, false)));
        TaskStatus unhealthy = harness.last("web");
        server = server(port);
        try {
            await().atMost(PATIENCE).until(() -> health("web").equals(List.of(true, false, true)));
        } finally {
            server.stop(0);
        }

        assertThat(unhealthy.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(unhealthy.getReason()).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
        assertThat(unhealthy.getMessage()).startsWith("Health check failed").endsWith("(2 in a row)");
        assertThat(harness.states("web")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    }

    @Test
    void aCommandCheckRunsInTheTasksSandboxAndFollowsWhatItFinds() throws Exception {
        on(
                loop,
                runner,
                r -> r.launch(task("worker", "sleep 60")
                        .withHealthCheck(quick(HealthCheck.Type.COMMAND).withCommand("test -e ready"))));
        await().atMost(PATIENCE).until(() -> health("worker").equals(List.of(false)));

        Files.createFile(harness.sandbox("worker").resolve("ready"));

        await().atMost(PATIENCE).until(() -> health("worker").equals(List.of(false, true)));
        assertThat(harness.last("worker").getMessage()).isEqualTo("Health check passed");
    }

    @Test
    void aTcpCheckOnTheTasksFirstPortPassesWhileSomethingListens() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            int port = listening.getLocalPort();
            on(
                    loop,
                    runner,
                    r -> r.launch(task("tcp", "sleep 60")
                            .withResources("cpus:0.1;mem:32;ports:[" + port + "-" + port + "]")
                            .withHealthCheck(quick(HealthCheck.Type.TCP))));

            await().atMost(PATIENCE).until(() -> Objects.equals(health("tcp"), List.of(true)));
        }
        await().atMost(PATIENCE).until(() -> health("tcp").equals(List.of(true, false)));
    }
}
