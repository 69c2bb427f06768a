package io.atrium.tasks;

import static io.atrium.protocol.agent.TaskState.TASK_DROPPED;
import static io.atrium.protocol.agent.TaskState.TASK_ERROR;
import static io.atrium.protocol.agent.TaskState.TASK_FAILED;
import static io.atrium.protocol.agent.TaskState.TASK_FINISHED;
import static io.atrium.protocol.agent.TaskState.TASK_GONE;
import static io.atrium.protocol.agent.TaskState.TASK_GONE_BY_OPERATOR;
import static io.atrium.protocol.agent.TaskState.TASK_KILLED;
import static io.atrium.protocol.agent.TaskState.TASK_KILLING;
import static io.atrium.protocol.agent.TaskState.TASK_LOST;
import static io.atrium.protocol.agent.TaskState.TASK_RUNNING;
import static io.atrium.protocol.agent.TaskState.TASK_STAGING;
import static io.atrium.protocol.agent.TaskState.TASK_STARTING;
import static io.atrium.protocol.agent.TaskState.TASK_UNKNOWN;
import static io.atrium.protocol.agent.TaskState.TASK_UNREACHABLE;

import io.atrium.protocol.agent.TaskState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which task state may follow which, with Mesos' names. Plain Java: the master asks before it
 * applies an update and rejects (and logs, and counts) what is not allowed here.
 *
 * <pre>
 *   STAGING ─▶ STARTING ─▶ RUNNING ─▶ KILLING ─▶ KILLED
 *      │           │          │          │
 *      ├─▶ ERROR   └──────────┴──────────┴─▶ FINISHED | FAILED | KILLED | LOST | GONE
 *      ├─▶ DROPPED
 *      └─▶ any of the above ─▶ UNREACHABLE ─▶ (back to where the agent says) | GONE
 * </pre>
 *
 * Terminal states have no way out. A non-terminal state may repeat (a second TASK_RUNNING
 * carrying health). UNREACHABLE is not terminal: when the agent comes back it reports the
 * task's real state.
 */
public final class TaskStateMachine {

    public static final Set<TaskState> TERMINAL = EnumSet.of(
            TASK_FINISHED,
            TASK_FAILED,
            TASK_KILLED,
            TASK_ERROR,
            TASK_LOST,
            TASK_DROPPED,
            TASK_GONE,
            TASK_GONE_BY_OPERATOR);

    private static final Set<TaskState> ENDINGS =
            EnumSet.of(TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_GONE, TASK_GONE_BY_OPERATOR);

    private static final Map<TaskState, Set<TaskState>> NEXT = new EnumMap<>(TaskState.class);

    static {
        NEXT.put(
                TASK_STAGING,
                union(
                        EnumSet.of(
                                TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_ERROR, TASK_DROPPED, TASK_UNREACHABLE),
                        ENDINGS));
        NEXT.put(TASK_STARTING, union(EnumSet.of(TASK_RUNNING, TASK_KILLING, TASK_UNREACHABLE), ENDINGS));
        NEXT.put(TASK_RUNNING, union(EnumSet.of(TASK_KILLING, TASK_UNREACHABLE), ENDINGS));
        NEXT.put(TASK_KILLING, union(EnumSet.of(TASK_UNREACHABLE), ENDINGS));
        NEXT.put(TASK_UNREACHABLE, union(EnumSet.of(TASK_STARTING, TASK_RUNNING, TASK_KILLING), ENDINGS));
        NEXT.put(TASK_UNKNOWN, EnumSet.noneOf(TaskState.class));
        for (TaskState terminal : TERMINAL) {
            NEXT.put(terminal, EnumSet.noneOf(TaskState.class));
        }
    }

    private TaskStateMachine() {}

    public static boolean isTerminal(TaskState state) {
        return TERMINAL.contains(state);
    }

    /** Whether a task in {@code from} may move to {@code to}. */
    public static boolean allows(TaskState from, TaskState to) {
        if (from == to) {
            return !isTerminal(from);
        }
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    private static Set<TaskState> union(Set<TaskState> a, Set<TaskState> b) {
        EnumSet<TaskState> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
