package io.atrium.agent;

import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reliable status updates, as Mesos' status update manager: every update is checkpointed
 * before it is sent, resent until the master acknowledges its uuid, and deleted only then.
 * Updates survive an agent restart. Unlike Mesos, a task's next update does not wait for the
 * previous one's acknowledgement: the one connection keeps them in order, the master writes
 * and applies them in that order, and after a reconnect every pending update goes out again,
 * oldest first.
 *
 * <p>Not thread-safe: the agent's loop thread is its only caller.
 */
final class StatusUpdates {

    private static final Logger LOG = Logger.getLogger(StatusUpdates.class.getName());

    private final Checkpoints checkpoints;
    private final Clock clock;
    private final Duration resendAfter;
    private final Predicate<AgentCall> sender;
    private final Map<String, Deque<Pending>> streams = new LinkedHashMap<>();
    private long sequence;

    /** When each stream head was last sent, by update uuid. */
    private final Map<String, Long> sentAt = new LinkedHashMap<>();

    private record Pending(long seq, TaskStatus status, Path file) {}

    StatusUpdates(Checkpoints checkpoints, Clock clock, Duration resendAfter, Predicate<AgentCall> sender) {
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.resendAfter = resendAfter;
        this.sender = sender;
    }

    /** Loads the updates left unacknowledged by a previous run of the agent. */
    void recover() {
        Path tasks = checkpoints.tasksDir();
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tasks, 3)) {
            files.filter(p -> p.getParent().getFileName().toString().equals("updates")
                            && p.getFileName().toString().endsWith(".json"))
                    .sorted() // zero-padded sequence numbers: path order is update order per task
                    .forEach(file -> {
                        long seq = Long.parseLong(file.getFileName().toString().replace(".json", ""));
                        sequence = Math.max(sequence, seq + 1);
                        TaskStatus status = Checkpoints.readJson(file, TaskStatus.class);
                        streams.computeIfAbsent(status.getTaskId(), id -> new ArrayDeque<>())
                                .add(new Pending(seq, status, file));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checkpoints the update, then sends it. */
    void record(TaskStatus status) {
        long seq = sequence++;
        Path file =
                checkpoints.taskDir(status.getTaskId()).resolve("updates").resolve(String.format("%019d.json", seq));
        Checkpoints.writeJson(file, status);
        Pending pending = new Pending(seq, status, file);
        streams.computeIfAbsent(status.getTaskId(), id -> new ArrayDeque<>()).add(pending);
        send(pending);
    }

    /**
     * The master durably recorded the update (or refused it for good): forget it. Returns the
     * acknowledged status, or null for an unknown or stale acknowledgement.
     */
    TaskStatus acknowledged(String taskId, String uuid) {
        Deque<Pending> stream = streams.get(taskId);
        Pending done = stream == null
                ? null
                : stream.stream()
                        .filter(pending -> pending.status().getUuid().equals(uuid))
                        .findFirst()
                        .orElse(null);
        if (done == null) {
            LOG.fine(() -> "ignoring acknowledgement of unknown update " + uuid + " for task " + taskId);
            return null;
        }
        stream.remove(done);
        sentAt.remove(uuid);
        try {
            Files.deleteIfExists(done.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stream.isEmpty()) {
            streams.remove(taskId);
        }
        return done.status();
    }

    /**
     * Sends a task's pending updates again, oldest first: every task's after (re-)registering,
     * and a task's whose oldest update waited too long for its acknowledgement.
     */
    void resend(boolean all) {
        long now = clock.millis();
        for (Deque<Pending> stream : streams.values()) {
            Long sent = sentAt.get(stream.peek().status().getUuid());
            if (all || sent == null || now - sent >= resendAfter.toMillis()) {
                stream.forEach(this::send);
            }
        }
    }

    /** Whether updates of this task still wait for an acknowledgement. */
    boolean pending(String taskId) {
        return streams.containsKey(taskId);
    }

    private void send(Pending pending) {
        sentAt.put(pending.status().getUuid(), clock.millis());
        sender.test(new AgentCall().withType(AgentCall.Type.UPDATE).withUpdate(pending.status()));
    }
}
