package io.atrium.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.infra.KafkaBroker;
import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kafka goes away while tasks run: their events wait in the outbox and all arrive, once each, in order. */
@QuarkusTest
class OutboxOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> LIFECYCLE =
            List.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");

    KafkaBroker kafka;

    @Inject
    Pool pool;

    @Test
    void eventsWrittenWhileKafkaIsDownArriveOnceInOrderWhenItReturns() {
        try (AgentProcess agent = AgentProcess.start("outage-1", "cpus:2;mem:1024")) {
            kafka.stop();
            String job;
            try {
                job = Api.jobOf("bob", "acme", Api.pinnedJob("outage", "true", 5, "outage-1"));
                await().atMost(PATIENCE)
                        .until(() -> Api.job("bob", "acme", job).getList("tasks.state").stream()
                                        .filter("TASK_FINISHED"::equals)
                                        .count()
                                == 5);
                assertThat(unpublished(job))
                        .as("events of the job waiting in the outbox")
                        .isPositive();
            } finally {
                kafka.start();
            }
            await().atMost(PATIENCE).until(() -> unpublished(job) == 0);

            List<String> written = new ArrayList<>();
            pool.preparedQuery("select event_id::text from outbox where key like $1 order by id")
                    .execute(Tuple.of(job + ".%"))
                    .await()
                    .indefinitely()
                    .forEach(row -> written.add(row.getString(0)));
            Map<String, List<String>> statesByTask = new LinkedHashMap<>();
            List<String> received = new ArrayList<>();
            for (EventLog.Record record :
                    EventLog.readAll(kafka.bootstrapServers(), List.of(Topic.TASKS.topicName()))) {
                String id = record.event().path("id").asText();
                if (!record.key().startsWith(job + ".") || received.contains(id)) {
                    continue; // another job's, or a copy a consumer de-duplicates by id
                }
                received.add(id);
                statesByTask
                        .computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(record.event().path("data").path("state").asText());
            }

            assertThat(received).containsExactlyInAnyOrderElementsOf(written);
            assertThat(statesByTask).hasSize(5).allSatisfy((task, states) -> assertThat(states)
                    .as("states of %s in the order Kafka holds them", task)
                    .startsWith("TASK_STAGING")
                    .endsWith("TASK_FINISHED")
                    .doesNotHaveDuplicates()
                    .isSubsetOf(LIFECYCLE)
                    .isSortedAccordingTo(Comparator.comparingInt(LIFECYCLE::indexOf)));
        }
    }

    private long unpublished(String job) {
        return pool.preparedQuery("select count(*) from outbox where key like $1 and published_at is null")
                .execute(Tuple.of(job + ".%"))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }
}
