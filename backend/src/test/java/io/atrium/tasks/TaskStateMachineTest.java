package io.atrium.tasks;

import static io.atrium.protocol.agent.TaskState.TASK_DROPPED;
import static io.atrium.protocol.agent.TaskState.TASK_ERROR;
import static io.atrium.protocol.agent.TaskState.TASK_FAILED;
import static io.atrium.protocol.agent.TaskState.TASK_FINISHED;
import static io.atrium.protocol.agent.TaskState.TASK_GONE;
import static io.atrium.protocol.agent.TaskState.TASK_KILLED;
import static io.atrium.protocol.agent.TaskState.TASK_KILLING;
import static io.atrium.protocol.agent.TaskState.TASK_LOST;
import static io.atrium.protocol.agent.TaskState.TASK_RUNNING;
import static io.atrium.protocol.agent.TaskState.TASK_STAGING;
import static io.atrium.protocol.agent.TaskState.TASK_STARTING;
import static io.atrium.protocol.agent.TaskState.TASK_UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.protocol.agent.TaskState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStateMachineTest {

    record Case(String name, TaskState from, TaskState to, boolean allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a launched task starts", TASK_STAGING, TASK_STARTING, true),
                new Case("a command may report running straight away", TASK_STAGING, TASK_RUNNING, true),
                new Case("an invalid task is an error before it starts", TASK_STAGING, TASK_ERROR, true),
                new Case("a task that never reached its agent is dropped", TASK_STAGING, TASK_DROPPED, true),
                new Case("a running task finishes", TASK_RUNNING, TASK_FINISHED, true),
                new Case("a running task fails", TASK_RUNNING, TASK_FAILED, true),
                new Case("a kill goes through killing", TASK_RUNNING, TASK_KILLING, true),
                new Case("killing ends killed", TASK_KILLING, TASK_KILLED, true),
                new Case("a task on a silent agent is unreachable", TASK_RUNNING, TASK_UNREACHABLE, true),
                new Case("an unreachable task comes back running", TASK_UNREACHABLE, TASK_RUNNING, true),
                new Case("an unreachable task is gone after the timeout", TASK_UNREACHABLE, TASK_GONE, true),
                new Case("a task lost on an agent restart", TASK_RUNNING, TASK_LOST, true),
                new Case("running again carries health", TASK_RUNNING, TASK_RUNNING, true),
                new Case("no going back to starting", TASK_RUNNING, TASK_STARTING, false),
                new Case("no going back to staging", TASK_RUNNING, TASK_STAGING, false),
                new Case("a running task is not an error", TASK_RUNNING, TASK_ERROR, false),
                new Case("a started task is not dropped", TASK_STARTING, TASK_DROPPED, false),
                new Case("finished is final", TASK_FINISHED, TASK_RUNNING, false),
                new Case("finished does not repeat", TASK_FINISHED, TASK_FINISHED, false),
                new Case("killed does not fail afterwards", TASK_KILLED, TASK_FAILED, false),
                new Case("gone stays gone", TASK_GONE, TASK_RUNNING, false),
                new Case("killing does not start again", TASK_KILLING, TASK_RUNNING, false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void transitions(Case c) {
        assertThat(TaskStateMachine.allows(c.from(), c.to())).as(c.name()).isEqualTo(c.allowed());
    }

    @Test
    void noTerminalStateHasAWayOut() {
        for (TaskState terminal : TaskStateMachine.TERMINAL) {
            for (TaskState next : TaskState.values()) {
                assertThat(TaskStateMachine.allows(terminal, next))
                        .as(terminal + " -> " + next)
                        .isFalse();
            }
        }
    }
}
