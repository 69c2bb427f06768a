package io.atrium.master;

import io.atrium.events.Event;
import io.atrium.frameworks.FrameworkId;
import io.atrium.master.MasterStore.TaskRecord;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.TaskState;
import io.atrium.resources.Resources;
import io.atrium.tasks.ContainerSpec;
import io.atrium.tasks.LaunchTask;
import io.atrium.tasks.TaskReason;
import io.atrium.tasks.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * One ACCEPT of a framework, validated against its offers as Mesos does: the offers must be
 * outstanding, the framework's, on one agent and for one role; each task must have a fresh
 * valid id, a command and resources that fit in what the offers still hold. Invalid tasks end
 * TASK_ERROR (bad task) or TASK_DROPPED (bad offers) with a reason, never silently. Valid
 * tasks are written as TASK_STAGING before the agent is told to run them; what they leave of
 * the offers goes back to the allocator.
 */
final class Launch {

    private static final Logger LOG = Logger.getLogger(Launch.class);

    /** Task ids become file names on the agent. */
    static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final Master master;
    private final FrameworkId framework;
    private final List<String> offerIds;
    private final List<LaunchTask> launches;
    private final Duration refuse;

    Launch(Master master, FrameworkId framework, List<String> offerIds, List<LaunchTask> launches, Duration refuse) {
        this.master = master;
        this.framework = framework;
        this.offerIds = offerIds;
        this.launches = launches;
        this.refuse = refuse;
    }

    void run() {
        List<Offer> offers = new ArrayList<>();
        String invalid = null;
        for (String id : offerIds) {
            Offer offer = master.takeOffer(id);
            if (offer == null) {
                invalid = "offer " + id + " is no longer valid (accepted, declined, rescinded or expired)";
            } else if (!offer.framework().equals(framework)) {
                invalid = "offer " + id + " belongs to another framework";
                master.rescindTaken(offer);
            } else {
                offers.add(offer);
            }
        }
        if (invalid == null && offers.isEmpty()) {
            invalid = "no offers named";
        }
        if (invalid == null
                && offers.stream()
                                .map(o -> o.agent().value() + "/" + o.role())
                                .distinct()
                                .count()
                        > 1) {
            invalid = "offers span several agents or roles";
        }
        if (invalid != null) {
            String why = invalid;
            offers.forEach(master::rescindTaken);
            launches.forEach(t -> master.rejectUntracked(
                    framework, t.taskId(), TaskState.TASK_DROPPED, TaskReason.REASON_INVALID_OFFERS, why));
            master.allocateLater();
            return;
        }

        Offer first = offers.getFirst();
        AgentEntry agent = master.agent(first.agent());
        Resources remaining = Resources.EMPTY;
        for (Offer offer : offers) {
            remaining = remaining.plus(offer.resources());
        }
        Instant now = master.clock().instant();
        List<TaskEntry> launched = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (LaunchTask launch : launches) {
            String problem = problem(launch, ids, remaining);
            if (problem != null) {
                LOG.infof("task %s of framework %s refused: %s", launch.taskId(), framework, problem);
                master.rejectUntracked(
                        framework, launch.taskId(), TaskState.TASK_ERROR, TaskReason.REASON_TASK_INVALID, problem);
                continue;
            }
            String limit = master.taskLimit(first.role());
            if (limit != null) {
                LOG.infof("task %s of framework %s dropped: %s", launch.taskId(), framework, limit);
                master.rejectUntracked(
                        framework, launch.taskId(), TaskState.TASK_DROPPED, TaskReason.REASON_TASK_LIMIT, limit);
                continue;
            }
            ids.add(launch.taskId());
            remaining = remaining.minus(launch.resources());
            TaskEntry task = new TaskEntry(
                    launch.taskId(),
                    launch.name(),
                    framework,
                    first.role(),
                    agent.id,
                    launch.command(),
                    launch.resources(),
                    launch.environment() == null ? java.util.Map.of() : launch.environment(),
                    launch.labels() == null ? java.util.Map.of() : launch.labels(),
                    launch.container() == null ? ContainerSpec.NONE : launch.container(),
                    TaskState.TASK_STAGING);
            task.history.add(new TaskView.StateChange(TaskState.TASK_STAGING, now, null, null, null));
            task.inFlight = true; // until its row is written: reconciliation leaves it alone
            master.addTask(task);
            launched.add(task);
        }
        if (!remaining.isEmpty()) {
            master.allocator().recoverResources(framework, first.role(), agent.id, remaining, refuse);
        }
        master.allocateLater();
        List<String> taskIds = launched.stream().map(task -> task.id).toList();
        offers.forEach(offer -> master.emit(MasterEvents.offerAccepted(offer, taskIds, now)));
        if (launched.isEmpty()) {
            return;
        }
        List<TaskRecord> records = launched.stream().map(t -> t.record(now)).toList();
        List<Event> events = launched.stream()
                .map(task -> MasterEvents.taskLaunched(task, now))
                .toList();
        CompletionStage<Void> inserted = agent.saved.handle((ok, error) -> null).thenCompose(saved -> master.store()
                .insertTasks(records, events));
        launched.forEach(task -> task.written = inserted);
        inserted.whenCompleteAsync(
                (ok, error) -> {
                    for (TaskEntry task : launched) {
                        task.inFlight = false;
                        if (error != null) {
                            // Also a task id used before a restart: the row exists already.
                            LOG.errorf("could not record task %s: %s", task.id, error.getMessage());
                            master.dropUnrecorded(
                                    task,
                                    "The master could not record the task: "
                                            + "its id may have been used before, or the database failed");
                        } else if (task.killRequested && task.state == TaskState.TASK_STAGING) {
                            master.killedBeforeLaunch(task);
                        } else if (agent.link != null && task.state == TaskState.TASK_STAGING) {
                            agent.link.send(new AgentEvent()
                                    .withType(AgentEvent.Type.RUN_TASK)
                                    .withRunTask(task.info()));
                        }
                    }
                },
                master.loop());
    }

    private String problem(LaunchTask launch, Set<String> ids, Resources remaining) {
        if (launch.taskId() == null || !TASK_ID.matcher(launch.taskId()).matches()) {
            return "task id '" + launch.taskId() + "' is not valid (letters, digits, '.', '_', '-', at most 255)";
        }
        if (ids.contains(launch.taskId()) || master.taskExists(launch.taskId())) {
            return "task id " + launch.taskId() + " is already in use";
        }
        if (launch.command() == null || launch.command().isBlank()) {
            return "task " + launch.taskId() + " has no command";
        }
        if (launch.resources() == null || launch.resources().isEmpty()) {
            return "task " + launch.taskId() + " asks for no resources";
        }
        if (!remaining.contains(launch.resources())) {
            return "task " + launch.taskId() + " asks for " + launch.resources() + " but the offers hold only "
                    + remaining;
        }
        return null;
    }
}
