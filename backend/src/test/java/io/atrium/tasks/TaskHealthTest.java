package io.atrium.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A job's HTTP health check, seen on its task through the API. */
@QuarkusTest
class TaskHealthTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aTaskTurnsUnhealthyWhenItsHttpCheckStopsAnsweringAndStaysRunning() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try (AgentProcess agent = AgentProcess.start("health-1", "cpus:1;mem:512")) {
            Map<String, Object> job = new HashMap<>(Api.pinnedJob("checked", "sleep 120", 1, "health-1"));
            job.put(
                    "healthCheck",
                    Map.of(
                            "type",
                            "HTTP",
                            "port",
                            server.getAddress().getPort(),
                            "path",
                            "/ready",
                            "delaySeconds",
                            0,
                            "intervalSeconds",
                            0.2,
                            "consecutiveFailures",
                            2));
            String jobId = Api.jobOf("bob", "acme", job);
            await().atMost(PATIENCE)
                    .until(() -> !Api.job("bob", "acme", jobId).getList("tasks").isEmpty());
            String task = Api.job("bob", "acme", jobId).getString("tasks[0].id");

            await().atMost(PATIENCE)
                    .until(() -> Objects.equals(Api.task("bob", task).get("healthy"), Boolean.TRUE));
            server.stop(0);
            await().atMost(PATIENCE)
                    .until(() -> Objects.equals(Api.task("bob", task).get("healthy"), Boolean.FALSE));

            JsonPath unhealthy = Api.task("bob", task);
            assertThat(unhealthy.getString("state")).isEqualTo("TASK_RUNNING");
            assertThat(unhealthy.getString("states[-1].reason")).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
            assertThat(unhealthy.getString("states[-1].message")).startsWith("Health check failed");
        } finally {
            server.stop(0);
        }
    }
}
