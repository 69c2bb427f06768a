package io.atrium.jobs;

import io.atrium.jobs.JobView.JobState;
import io.atrium.protocol.agent.TaskState;
import io.atrium.resources.Resources;
import io.atrium.tasks.ContainerSpec;
import io.atrium.tasks.TaskReason;
import io.atrium.tasks.TaskStateMachine;
import io.atrium.tasks.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch job inside the jobs framework: its instances, their attempts and retries. Touched
 * only on the master's thread.
 */
final class Job {

    /** Retries wait 1 s, 2 s, 4 s ... up to a minute. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    final String id;
    final String tenant;
    final JobRequest spec;
    final Resources resources;
    final ContainerSpec container;
    final List<Constraint> constraints;
    final Instant createdAt;
    /** Who submitted it (a user name); null for jobs stored before owners were kept. */
    final String owner;

    final List<Instance> instances = new ArrayList<>();
    /** When a user killed the job; null while it may run. Kept in memory only (see {@link #kill}). */
    Instant killedAt;

    Job(String id, String tenant, JobRequest spec, List<Constraint> constraints, Instant createdAt, String owner) {
        this.id = id;
        this.tenant = tenant;
        this.spec = spec;
        this.resources = Resources.parse(spec.resources().text());
        this.container = spec.container();
        this.constraints = constraints;
        this.createdAt = createdAt;
        this.owner = owner;
        for (int i = 0; i < spec.instances(); i++) {
            instances.add(new Instance(i));
        }
    }

    enum Phase {
        PENDING,
        ACTIVE,
        FINISHED,
        FAILED,
        /** The job was killed before this instance finished: it is not launched (again). */
        KILLED
    }

    final class Instance {
        final int index;
        Phase phase = Phase.PENDING;
        Instant notBefore = Instant.MIN;
        final List<Run> runs = new ArrayList<>();

        Instance(int index) {
            this.index = index;
        }

        Job job() {
            return Job.this;
        }

        Run current() {
            return runs.isEmpty() ? null : runs.getLast();
        }

        boolean ready(Instant now) {
            return phase == Phase.PENDING && !now.isBefore(notBefore);
        }

        /** Puts back a run read from the database at start, with the states it went through. */
        void restore(
                String taskId,
                int attempt,
                String agentId,
                String hostname,
                List<TaskView.StateChange> states,
                TaskState state) {
            Run run = new Run(taskId, this, attempt, agentId, hostname);
            run.states.addAll(states);
            run.state = state; // the task's row: the master's last word, whatever the update times say
            runs.add(run);
            if (run.active()) {
                phase = Phase.ACTIVE;
            } else {
                ended(run, states.getLast().time());
            }
        }

        Run launch(String agentId, String hostname, Instant now) {
            int attempt = runs.size() + 1;
            Run run = new Run(id + "." + index + "." + attempt, this, attempt, agentId, hostname);
            run.states.add(new TaskView.StateChange(TaskState.TASK_STAGING, now, null, null, null));
            runs.add(run);
            phase = Phase.ACTIVE;
            return run;
        }

        /** A run ended: done, retried after a backoff, failed for good, or killed with its job. */
        void ended(Run run, Instant now) {
            if (run.state == TaskState.TASK_FINISHED) {
                phase = Phase.FINISHED;
            } else if (killedAt != null) {
                phase = Phase.KILLED;
            } else if (droppedForTaskLimit(run)) {
                // Never started: the tenant ran its most tasks at once. Not an attempt; it waits.
                runs.remove(run);
                phase = Phase.PENDING;
                notBefore = now;
            } else if (runs.size() <= maxRetries()) {
                phase = Phase.PENDING;
                Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(runs.size() - 1, 16));
                notBefore = now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
            } else {
                phase = Phase.FAILED;
            }
        }
    }

    private static boolean droppedForTaskLimit(Run run) {
        return run.state == TaskState.TASK_DROPPED
                && !run.states.isEmpty()
                && TaskReason.REASON_TASK_LIMIT
                        .name()
                        .equals(run.states.getLast().reason());
    }

    /** One attempt of an instance: one task. */
    static final class Run {
        final String taskId;
        final Instance instance;
        final int attempt;
        final String agentId;
        final String hostname;
        TaskState state = TaskState.TASK_STAGING;
        final List<TaskView.StateChange> states = new ArrayList<>();

        Run(String taskId, Instance instance, int attempt, String agentId, String hostname) {
            this.taskId = taskId;
            this.instance = instance;
            this.attempt = attempt;
            this.agentId = agentId;
            this.hostname = hostname;
        }

        boolean active() {
            return !TaskStateMachine.isTerminal(state);
        }
    }

    int maxRetries() {
        return spec.maxRetries() == null ? 0 : spec.maxRetries();
    }

    /** Hosts where an instance of this job runs or is being launched (for UNIQUE). */
    Set<String> usedHosts() {
        Set<String> hosts = new HashSet<>();
        for (Instance instance : instances) {
            Run run = instance.current();
            if (run != null && run.active()) {
                hosts.add(run.hostname);
            }
        }
        return hosts;
    }

    boolean fits(String hostname, Map<String, String> attributes, Set<String> usedHosts) {
        return constraints.stream().allMatch(c -> c.allows(hostname, attributes, usedHosts));
    }

    /**
     * Kills the job: instances waiting to launch (or to retry) never will; returns the runs
     * still active, for the caller to kill. A job that ended, or was killed, is left as it is.
     * The kill is recorded ({@code job.killed_at}) and done again on a restart, before the
     * framework takes offers.
     */
    List<Run> kill(Instant now) {
        if (killedAt != null || ended()) {
            return List.of();
        }
        killedAt = now;
        List<Run> active = new ArrayList<>();
        for (Instance instance : instances) {
            if (instance.phase == Phase.PENDING) {
                instance.phase = Phase.KILLED;
            } else if (instance.phase == Phase.ACTIVE && instance.current() != null) {
                active.add(instance.current());
            }
        }
        return active;
    }

    /** Whether every instance has reached its end. */
    boolean ended() {
        return instances.stream().allMatch(i -> i.phase != Phase.PENDING && i.phase != Phase.ACTIVE);
    }

    boolean hasPending() {
        return instances.stream().anyMatch(i -> i.phase == Phase.PENDING);
    }

    /** The job as the API shows it; {@code placement} explains what waits (see {@link Waits}). */
    JobView view(Instant now, Waits.Placement placement) {
        int finished = 0;
        int failed = 0;
        int active = 0;
        int killed = 0;
        List<JobView.JobTask> tasks = new ArrayList<>();
        for (Instance instance : instances) {
            switch (instance.phase) {
                case FINISHED -> finished++;
                case FAILED -> failed++;
                case ACTIVE -> active++;
                case KILLED -> killed++;
                case PENDING -> {}
            }
            for (Run run : instance.runs) {
                tasks.add(new JobView.JobTask(
                        run.taskId,
                        instance.index,
                        run.attempt,
                        run.agentId,
                        run.hostname,
                        run.state,
                        List.copyOf(run.states)));
            }
        }
        JobState state;
        if (finished + failed + killed == instances.size()) {
            state = killed > 0 ? JobState.KILLED : failed > 0 ? JobState.FAILED : JobState.FINISHED;
        } else if (killedAt != null) {
            state = JobState.KILLING;
        } else if (tasks.isEmpty()) {
            state = JobState.PENDING;
        } else {
            state = JobState.RUNNING;
        }
        return new JobView(
                id,
                tenant,
                spec.name(),
                owner,
                spec.command(),
                resources.toString(),
                instances.size(),
                state,
                finished,
                failed,
                active,
                killed,
                createdAt,
                killedAt,
                Waits.of(this, now, placement),
                tasks);
    }
}
