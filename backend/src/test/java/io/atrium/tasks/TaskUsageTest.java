package io.atrium.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A running task's resource usage, as its tenant and the operators' metrics see it. */
@QuarkusTest
class TaskUsageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long BLOB = 20_000_000;

    @Test
    void aRunningTasksUsageIsOnTheTaskAndInTheMetrics() {
        try (AgentProcess agent = AgentProcess.start(
                "usage-1",
                "cpus:1;mem:512",
                Map.of("ATRIUM_AGENT_USAGE_INTERVAL_SECONDS", "1", "ATRIUM_AGENT_DISK_WATCH_SECONDS", "1"))) {
            Map<String, Object> job = new java.util.HashMap<>(
                    Api.pinnedJob("usage", "head -c " + BLOB + " /dev/zero > blob; sleep 60", 1, "usage-1"));
            job.put("resources", Map.of("cpus", 0.1, "mem", 64, "disk", 64));
            String jobId = Api.jobOf("bob", "acme", job);
            await().atMost(PATIENCE)
                    .until(() -> !Api.job("bob", "acme", jobId).getList("tasks").isEmpty());
            String task = Api.job("bob", "acme", jobId).getString("tasks[0].id");

            await().atMost(PATIENCE).until(() -> {
                Number disk = Api.task("bob", task).get("usage.diskBytes"); // absent until the first report
                return disk != null && disk.longValue() == BLOB;
            });

            JsonPath view = Api.task("bob", task);
            assertThat(view.getString("usage.measuredAt")).isNotBlank();
            if (agent.log().contains("linux isolation")) {
                assertThat(view.getLong("usage.memoryBytes")).isPositive();
                assertThat(view.getLong("usage.memoryPeakBytes"))
                        .isGreaterThanOrEqualTo(view.getLong("usage.memoryBytes"));
            }
            await().atMost(PATIENCE)
                    .until(() -> metric("atrium_task_disk_bytes", task).equals(Optional.of((double) BLOB)));
        }
    }

    /** The value of {@code name} for the task in the Prometheus exposition, if it is there. */
    private static Optional<Double> metric(String name, String task) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{")
                        && line.contains("task=\"" + task + "\"")
                        && line.contains("tenant=\"acme\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
