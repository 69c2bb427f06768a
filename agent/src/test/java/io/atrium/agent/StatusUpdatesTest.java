package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusUpdatesTest {

    @TempDir
    Path work;

    private final TestClock clock = new TestClock();
    private final List<String> sent = new ArrayList<>();

    private StatusUpdates updates() {
        return new StatusUpdates(new Checkpoints(work), clock, Duration.ofSeconds(10), call -> {
            TaskStatus status = call.getUpdate();
            assertThat(call.getType()).isEqualTo(AgentCall.Type.UPDATE);
            sent.add(status.getTaskId() + ":" + status.getState().value());
            return true;
        });
    }

    private static TaskStatus status(String task, TaskState state) {
        return new TaskStatus()
                .withTaskId(task)
                .withFrameworkId("fw")
                .withState(state)
                .withUuid(task + "-" + state.value())
                .withTimestamp(1L);
    }

    @Test
    void updatesGoOutInOrderWithoutWaitingForTheMastersAcknowledgement() {
        StatusUpdates updates = updates();
        updates.record(status("a", TaskState.TASK_STARTING));
        updates.record(status("a", TaskState.TASK_RUNNING));
        updates.record(status("b", TaskState.TASK_STARTING));

        assertThat(sent).containsExactly("a:TASK_STARTING", "a:TASK_RUNNING", "b:TASK_STARTING");

        assertThat(updates.acknowledged("a", "a-TASK_STARTING")).isNotNull();
        assertThat(updates.acknowledged("a", "a-TASK_RUNNING")).isNotNull();
        assertThat(updates.pending("a")).isFalse();
        assertThat(updates.pending("b")).isTrue();
    }

    @Test
    void aTaskWhoseOldestUpdateWaitedTooLongSendsAllItsUpdatesAgainOldestFirst() {
        StatusUpdates updates = updates();
        updates.record(status("a", TaskState.TASK_STARTING));
        updates.record(status("a", TaskState.TASK_RUNNING));
        updates.record(status("b", TaskState.TASK_STARTING));
        updates.acknowledged("b", "b-TASK_STARTING");
        sent.clear();

        clock.advance(Duration.ofSeconds(10));
        updates.resend(false);

        assertThat(sent).containsExactly("a:TASK_STARTING", "a:TASK_RUNNING");
    }

    @Test
    void anUnacknowledgedUpdateIsResentAfterTheTimeoutAndAStaleAckIsIgnored() {
        StatusUpdates updates = updates();
        updates.record(status("a", TaskState.TASK_RUNNING));
        updates.resend(false);
        assertThat(sent).hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        updates.resend(false);

        assertThat(sent).containsExactly("a:TASK_RUNNING", "a:TASK_RUNNING");
        assertThat(updates.acknowledged("a", "some-other-uuid")).isNull();
        assertThat(updates.pending("a")).isTrue();
    }

    @Test
    void updatesSurviveARestartAndAreDeletedOnlyWhenAcknowledged() {
        StatusUpdates before = updates();
        before.record(status("a", TaskState.TASK_RUNNING));
        before.record(status("a", TaskState.TASK_FINISHED));
        sent.clear();

        StatusUpdates after = updates();
        after.recover();
        after.resend(true);
        assertThat(sent).containsExactly("a:TASK_RUNNING", "a:TASK_FINISHED");

        after.acknowledged("a", "a-TASK_RUNNING");
        assertThat(after.pending("a")).isTrue();
        after.acknowledged("a", "a-TASK_FINISHED");

        assertThat(after.pending("a")).isFalse();
        assertThat(Files.exists(work.resolve("meta/tasks/a/updates"))).isTrue();
        assertThat(work.resolve("meta/tasks/a/updates").toFile().list()).isEmpty();
    }
}
