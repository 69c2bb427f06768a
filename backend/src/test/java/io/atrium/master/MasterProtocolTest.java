package io.atrium.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.frameworks.FrameworkId;
import io.atrium.frameworks.SchedulerDriver;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.resources.Resources;
import io.atrium.tasks.ContainerSpec;
import io.atrium.tasks.LaunchTask;
import io.atrium.tasks.TaskView;
import io.atrium.testing.FakeAgent;
import io.atrium.testing.RecordingScheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launch validation and status updates through the real master: an in-process framework
 * with the same driver external frameworks get, and a scripted agent on a real WebSocket.
 */
@QuarkusTest
class MasterProtocolTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    MasterService master;

    private final String hostname = "scripted-" + UUID.randomUUID().toString().substring(0, 8);
    private final FrameworkId frameworkId = new FrameworkId("test-" + UUID.randomUUID());
    private final RecordingScheduler framework = new RecordingScheduler();
    private SchedulerDriver driver;
    private FakeAgent agent;

    @BeforeEach
    void agentAndFramework() {
        agent = FakeAgent.register(hostname, "cpus:2;mem:1024");
        await().atMost(PATIENCE)
                .until(() -> !agent.events(AgentEvent.Type.REGISTERED).isEmpty());
        framework.onlyOn(hostname);
        master.get().subscribe(frameworkId, Set.of("qa"), given -> {
            driver = given;
            framework.attach(given);
            return framework;
        });
    }

    @AfterEach
    void cleanUp() {
        master.get().teardown(frameworkId);
        agent.close();
    }

    private Offer offer() {
        await().atMost(PATIENCE).until(() -> framework.offerOn(hostname) != null);
        return framework.offerOn(hostname);
    }

    private static LaunchTask task(String id, String resources) {
        return new LaunchTask(id, id, "sleep 1", Resources.parse(resources), Map.of(), Map.of(), ContainerSpec.NONE);
    }

    private TaskStatus awaitUpdate(String taskId, TaskState state) {
        await().atMost(PATIENCE)
                .until(() ->
                        framework.last(taskId) != null && framework.last(taskId).getState() == state);
        return framework.last(taskId);
    }

    @Test
    void aTaskAskingMoreThanTheOfferHoldsIsAnErrorWithAReason() {
        Offer offer = offer();

        driver.accept(List.of(offer.id()), List.of(task("too-big-" + hostname, "cpus:3;mem:64")), Duration.ZERO);

        TaskStatus error = awaitUpdate("too-big-" + hostname, TaskState.TASK_ERROR);
        assertThat(error.getReason()).isEqualTo("REASON_TASK_INVALID");
        assertThat(error.getMessage()).contains("asks for cpus:3;mem:64 but the offers hold only");
        assertThat(agent.events(AgentEvent.Type.RUN_TASK)).isEmpty();
    }

    @Test
    void aSecondAcceptOfTheSameOfferDropsItsTasks() {
        Offer offer = offer();
        driver.accept(List.of(offer.id()), List.of(task("first-" + hostname, "cpus:0.5;mem:64")), Duration.ZERO);
        driver.accept(List.of(offer.id()), List.of(task("second-" + hostname, "cpus:0.5;mem:64")), Duration.ZERO);

        TaskStatus dropped = awaitUpdate("second-" + hostname, TaskState.TASK_DROPPED);
        assertThat(dropped.getReason()).isEqualTo("REASON_INVALID_OFFERS");
        await().atMost(PATIENCE)
                .until(() -> agent.events(AgentEvent.Type.RUN_TASK).size() == 1);
        TaskInfo launched = agent.events(AgentEvent.Type.RUN_TASK).getFirst().getRunTask();
        assertThat(launched.getTaskId()).isEqualTo("first-" + hostname);
        assertThat(launched.getResources()).isEqualTo("cpus:0.5;mem:64");
    }

    @Test
    void aTaskKilledWhileItsLaunchIsBeingWrittenNeverReachesItsAgent() {
        Offer offer = offer();
        String taskId = "killed-early-" + hostname;
        String other = "kept-" + hostname;

        // Both reach the master's thread before the launch's row is written (which takes a round trip).
        driver.accept(
                List.of(offer.id()),
                List.of(task(taskId, "cpus:0.1;mem:32"), task(other, "cpus:0.1;mem:32")),
                Duration.ZERO);
        driver.kill(taskId);

        TaskStatus killed = awaitUpdate(taskId, TaskState.TASK_KILLED);
        assertThat(killed.getReason()).isEqualTo("REASON_TASK_KILLED_DURING_LAUNCH");
        await().atMost(PATIENCE)
                .until(() -> agent.events(AgentEvent.Type.RUN_TASK).size() == 1);
        assertThat(agent.events(AgentEvent.Type.RUN_TASK))
                .extracting(event -> event.getRunTask().getTaskId())
                .containsExactly(other);
        assertThat(master.get().task(taskId).orElseThrow().state()).isEqualTo(TaskState.TASK_KILLED);
    }

    @Test
    void duplicateAndInvalidTaskIdsAreErrors() {
        Offer offer = offer();
        driver.accept(
                List.of(offer.id()),
                List.of(
                        task("twin-" + hostname, "cpus:0.1;mem:32"),
                        task("twin-" + hostname, "cpus:0.1;mem:32"),
                        task("../escape", "cpus:0.1;mem:32")),
                Duration.ZERO);

        awaitUpdate("../escape", TaskState.TASK_ERROR);
        assertThat(framework.updates)
                .filteredOn(u -> u.getTaskId().equals("twin-" + hostname))
                .extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_ERROR);
        assertThat(framework.last("twin-" + hostname).getMessage()).contains("already in use");
    }

    @Test
    void updatesSentBackToBackAreWrittenAppliedAndAcknowledgedInOrder() {
        Offer offer = offer();
        String taskId = "quick-" + hostname;
        driver.accept(List.of(offer.id()), List.of(task(taskId, "cpus:0.1;mem:32")), Duration.ZERO);
        await().atMost(PATIENCE)
                .until(() -> agent.events(AgentEvent.Type.RUN_TASK).size() == 1);

        List<TaskStatus> sent = List.of(
                status(taskId, TaskState.TASK_STARTING),
                status(taskId, TaskState.TASK_RUNNING),
                status(taskId, TaskState.TASK_FINISHED));
        long illegalBefore = master.get().illegalTransitions();
        sent.forEach(agent::update); // none waits for the one before to be acknowledged
        agent.update(sent.getLast()); // and a resend of the last, most likely while it is being written

        awaitUpdate(taskId, TaskState.TASK_FINISHED);
        assertThat(framework.updates)
                .filteredOn(u -> u.getTaskId().equals(taskId))
                .extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        await().atMost(PATIENCE).until(() -> sent.stream().allMatch(update -> acknowledged(update) >= 1));
        assertThat(agent.events(AgentEvent.Type.ACKNOWLEDGED))
                .extracting(event -> event.getAcknowledged().getUuid())
                .containsSubsequence(sent.stream().map(TaskStatus::getUuid).toList());
        assertThat(master.get().illegalTransitions())
                .as("a resend of an update being written is no illegal transition")
                .isEqualTo(illegalBefore);
    }

    @Test
    void aResentUpdateIsAcknowledgedAgainButAppliedOnceAndAnIllegalOneIsNotApplied() {
        Offer offer = offer();
        String taskId = "replayed-" + hostname;
        driver.accept(List.of(offer.id()), List.of(task(taskId, "cpus:0.1;mem:32")), Duration.ZERO);
        await().atMost(PATIENCE)
                .until(() -> agent.events(AgentEvent.Type.RUN_TASK).size() == 1);

        TaskStatus running = status(taskId, TaskState.TASK_RUNNING);
        // Two copies at once (the second arrives while the first is being written) ...
        agent.update(running);
        agent.update(running);
        await().atMost(PATIENCE).until(() -> acknowledged(running) >= 1);
        // ... and one more after the acknowledgement, as when an ack is lost.
        agent.update(running);
        await().atMost(PATIENCE).until(() -> acknowledged(running) >= 2);
        TaskStatus backwards = status(taskId, TaskState.TASK_STAGING);
        agent.update(backwards);
        await().atMost(PATIENCE).until(() -> acknowledged(backwards) == 1);
        // Its acknowledgement may get lost too: a resend of the rejected update is acknowledged again.
        agent.update(backwards);
        await().atMost(PATIENCE).until(() -> acknowledged(backwards) == 2);

        assertThat(framework.updates)
                .filteredOn(u -> u.getTaskId().equals(taskId))
                .hasSize(1);
        TaskView view = master.get()
                .submit(() -> master.get().task(taskId).orElseThrow())
                .toCompletableFuture()
                .join();
        assertThat(view.states())
                .extracting(TaskView.StateChange::state)
                .containsExactly(TaskState.TASK_STAGING, TaskState.TASK_RUNNING);
        String metrics = io.restassured.RestAssured.get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics).containsPattern("atrium_tasks_illegal_transitions_total [1-9]");
    }

    @Test
    void anOfferNotAnsweredInTimeIsRescindedAndComesBack() {
        Offer offer = offer();

        // Test timing: offers stand 4 s.
        await().atMost(PATIENCE).until(() -> framework.rescinded.contains(offer.id()));
        await().atMost(PATIENCE).until(() -> framework.offers.stream()
                .anyMatch(o -> o.hostname().equals(hostname) && !o.id().equals(offer.id())));
    }

    @Test
    void anUnreadableMessageEndsTheSessionWithAnError() {
        agent.sendText("{\"type\": \"REGISTER\", \"unexpected\": true}");

        await().atMost(PATIENCE)
                .until(() -> !agent.events(AgentEvent.Type.ERROR).isEmpty());
        assertThat(agent.events(AgentEvent.Type.ERROR).getFirst().getError().getMessage())
                .contains("unexpected");
        await().atMost(PATIENCE).until(agent::isClosed);
    }

    private long acknowledged(TaskStatus status) {
        return agent.events(AgentEvent.Type.ACKNOWLEDGED).stream()
                .filter(e -> e.getAcknowledged().getUuid().equals(status.getUuid()))
                .count();
    }

    private static TaskStatus status(String taskId, TaskState state) {
        return new TaskStatus()
                .withTaskId(taskId)
                .withFrameworkId("ignored")
                .withState(state)
                .withUuid(UUID.randomUUID().toString())
                .withTimestamp(System.currentTimeMillis());
    }
}
