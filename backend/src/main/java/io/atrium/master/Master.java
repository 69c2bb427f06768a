package io.atrium.master;

import io.atrium.agents.AgentId;
import io.atrium.agents.AgentState;
import io.atrium.agents.AgentView;
import io.atrium.allocator.Allocation;
import io.atrium.allocator.Allocator;
import io.atrium.allocator.Feasibility;
import io.atrium.allocator.Pending;
import io.atrium.allocator.Quota;
import io.atrium.cluster.ClusterView;
import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.frameworks.FrameworkId;
import io.atrium.frameworks.Scheduler;
import io.atrium.frameworks.SchedulerDriver;
import io.atrium.master.MasterStore.AgentRecord;
import io.atrium.master.MasterStore.TaskRecord;
import io.atrium.master.MasterStore.TaskUpdateRecord;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.FileList;
import io.atrium.protocol.agent.ListFiles;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadFile;
import io.atrium.protocol.agent.ReadLog;
import io.atrium.protocol.agent.Register;
import io.atrium.protocol.agent.Registered;
import io.atrium.protocol.agent.RunningTask;
import io.atrium.protocol.agent.SessionError;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.protocol.agent.TaskUsage;
import io.atrium.protocol.agent.Usage;
import io.atrium.protocol.events.OfferRescinded;
import io.atrium.resources.Quantities;
import io.atrium.resources.Resources;
import io.atrium.resources.Roles;
import io.atrium.tasks.TaskReason;
import io.atrium.tasks.TaskStateMachine;
import io.atrium.tasks.TaskView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The master's state and decisions at the edges of the allocator: registered agents and their
 * links, outstanding offers, tasks and their status updates, subscribed frameworks. Like the
 * Mesos master it is one actor: every method runs on one loop thread (callers from other
 * threads go through {@link #submit}), and it never waits on the database — writes complete
 * back onto the loop.
 *
 * <pre>
 * agent ──Register/Heartbeat/Update──▶ Master ──offers──▶ Scheduler (framework)
 *   ▲                                   │  ▲                   │
 *   └──────RunTask/KillTask/Ack─────────┘  └──accept/decline───┘
 * </pre>
 */
public final class Master {

    private static final Logger LOG = Logger.getLogger(Master.class);

    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final MasterStore store;
    private final MasterSettings settings;
    private final Allocator allocator;

    private final Map<AgentId, AgentEntry> agents = new LinkedHashMap<>();
    private final Map<AgentLink, AgentId> links = new HashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, TaskEntry> tasks = new HashMap<>();
    private final Map<FrameworkId, Scheduler> frameworks = new HashMap<>();
    private final Map<FrameworkId, Set<String>> frameworkRoles = new HashMap<>();
    private final Map<String, Quota> quotas = new HashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    private final Map<String, Long> roleVersions = new HashMap<>();
    private final LogReads logReads = new LogReads();
    private final CapacityHistory capacityHistory = new CapacityHistory();
    private boolean allocationQueued;
    /** Events that describe no stored state (offers, frameworks), written in batches, in order. */
    private final List<Event> loose = new ArrayList<>();

    private CompletionStage<Void> looseWritten = CompletableFuture.completedFuture(null);
    private volatile long illegalTransitions;

    public Master(Clock clock, ScheduledExecutorService loop, MasterStore store, MasterSettings settings) {
        this.clock = clock;
        this.loop = loop;
        this.store = store;
        this.settings = settings;
        this.allocator = new Allocator(clock, this::offer);
    }

    // ---- threading ----

    /** Runs {@code action} on the master's thread and completes with its result. */
    public <T> CompletionStage<T> submit(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Loads the last known state and starts the timers. */
    public CompletionStage<Void> start() {
        return store.load().thenAcceptAsync(this::recover, loop).thenRun(() -> {
            long heartbeat = settings.heartbeatInterval().toMillis();
            loop.scheduleAtFixedRate(guarded(this::heartbeatAndCheck), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
            long allocation = settings.allocationInterval().toMillis();
            loop.scheduleAtFixedRate(guarded(allocator::allocate), allocation, allocation, TimeUnit.MILLISECONDS);
            long sample = CapacityHistory.INTERVAL.toMillis();
            loop.scheduleAtFixedRate(
                    guarded(() -> capacityHistory.add(capacityNow())), 0, sample, TimeUnit.MILLISECONDS);
        });
    }

    /** A periodic task that logs its failures instead of silently stopping its timer. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a periodic task of the master failed", e);
            }
        };
    }

    private void recover(MasterStore.Recovered state) {
        Instant now = clock.instant();
        for (AgentRecord record : state.agents()) {
            AgentEntry agent = new AgentEntry(
                    new AgentId(record.id()),
                    record.hostname(),
                    Resources.parse(record.resources()),
                    record.attributes());
            agent.state =
                    AgentState.valueOf(record.state()) == AgentState.GONE ? AgentState.GONE : AgentState.DISCONNECTED;
            // A recovered agent gets the full unreachable timeout to re-register from now.
            agent.lastSeen = now;
            agent.stateSince = now;
            agents.put(agent.id, agent);
        }
        for (TaskRecord record : state.tasks()) {
            TaskEntry task = TaskEntry.of(record);
            tasks.put(task.id, task);
            AgentEntry agent = agents.get(task.agent);
            if (agent != null) {
                agent.tasks.add(task.id);
            }
        }
        LOG.infof(
                "recovered %d agents and %d unfinished tasks",
                state.agents().size(), state.tasks().size());
    }

    // ---- agent protocol ----

    /** A message from an agent connection. Any thread. */
    public void agentCall(AgentLink link, AgentCall call) {
        loop.execute(() -> {
            switch (call.getType()) {
                case REGISTER -> register(link, call.getRegister());
                case HEARTBEAT -> seen(link);
                case UPDATE -> agentUpdate(link, call.getUpdate());
                case LOG_DATA -> logReads.answered(call.getLogData());
                case FILE_LIST -> logReads.answered(call.getFileList());
                case USAGE -> usage(link, call.getUsage());
            }
        });
    }

    /** An agent connection closed. Any thread. */
    public void agentClosed(AgentLink link) {
        loop.execute(() -> {
            AgentId id = links.remove(link);
            AgentEntry agent = id == null ? null : agents.get(id);
            if (agent == null || agent.link != link) {
                return;
            }
            agent.link = null;
            if (agent.state == AgentState.ACTIVE) {
                LOG.infof(
                        "agent %s (%s) disconnected; it has %s to come back",
                        id, agent.hostname, settings.unreachableAfter());
                agent.state = AgentState.DISCONNECTED;
                agent.stateSince = clock.instant();
                allocator.deactivateAgent(id);
                rescindOffers(agent, OfferRescinded.Reason.AGENT_DISCONNECTED);
                persist(agent, EventType.AGENT_DISCONNECTED);
            }
        });
    }

    private void register(AgentLink link, Register register) {
        if (register == null) {
            refuse(link, "REGISTER without a register body");
            return;
        }
        Resources total;
        try {
            total = Resources.parse(register.getResources());
        } catch (IllegalArgumentException e) {
            refuse(link, "resources '" + register.getResources() + "' are not valid: " + e.getMessage());
            return;
        }
        Map<String, String> attributes =
                register.getAttributes() == null ? Map.of() : Map.copyOf(register.getAttributes());
        List<RunningTask> reported = register.getTasks() == null ? List.of() : register.getTasks();
        AgentEntry agent = register.getAgentId() == null ? null : agents.get(new AgentId(register.getAgentId()));
        boolean reregister = agent != null && agent.state != AgentState.GONE;
        if (!reregister) {
            agent = new AgentEntry(
                    new AgentId(UUID.randomUUID().toString()), register.getHostname(), total, attributes);
            agents.put(agent.id, agent);
            if (register.getAgentId() != null) {
                LOG.infof(
                        "agent %s on %s was gone; it registers again as %s",
                        register.getAgentId(), register.getHostname(), agent.id);
            }
        } else {
            if (agent.link != null && agent.link != link) {
                links.remove(agent.link);
                agent.link.close("replaced by a newer connection of the same agent");
            }
            if (agent.inAllocator) {
                rescindOffers(agent, OfferRescinded.Reason.AGENT_REREGISTERED);
                allocator.removeAgent(agent.id);
                agent.inAllocator = false;
            }
            agent.hostname = register.getHostname();
            agent.total = total;
            agent.attributes = attributes;
        }
        AgentEntry current = agent;
        current.link = link;
        current.lastSeen = clock.instant();
        current.state = AgentState.ACTIVE;
        current.stateSince = current.lastSeen;
        links.put(link, current.id);
        reconcile(current, reported);

        List<Allocation> used = new ArrayList<>();
        for (String taskId : current.tasks) {
            TaskEntry task = tasks.get(taskId);
            used.add(new Allocation(task.framework, task.role, current.id, task.resources));
        }
        allocator.addAgent(current.id, total, used);
        current.inAllocator = true;
        if (current.draining) {
            allocator.deactivateAgent(current.id);
        }
        persist(current, reregister ? EventType.AGENT_RE_REGISTERED : EventType.AGENT_REGISTERED);
        link.send(new AgentEvent()
                .withType(AgentEvent.Type.REGISTERED)
                .withRegistered(new Registered()
                        .withAgentId(current.id.value())
                        .withHeartbeatIntervalSeconds(
                                settings.heartbeatInterval().toMillis() / 1000.0)));
        LOG.infof(
                "agent %s (%s) %s with %s",
                current.id, current.hostname, reregister ? "re-registered" : "registered", total);
        allocateSoon();
    }

    /**
     * Makes the master's view of an agent's tasks match what the agent reports: tasks the agent
     * runs but the master has ended or never heard of are killed; tasks the master expected but
     * the agent does not know end TASK_DROPPED (never arrived) or TASK_LOST.
     */
    private void reconcile(AgentEntry agent, List<RunningTask> reported) {
        Map<String, RunningTask> byId = new LinkedHashMap<>();
        reported.forEach(running -> byId.put(running.getTask().getTaskId(), running));
        for (RunningTask running : byId.values()) {
            TaskEntry task = tasks.get(running.getTask().getTaskId());
            boolean ours = task != null && task.agent.equals(agent.id);
            if (ours && task.inFlight) {
                continue; // a write about it is under way; its result decides
            }
            if (!ours || TaskStateMachine.isTerminal(task.state) || task.killRequested) {
                if (!TaskStateMachine.isTerminal(running.getState())) {
                    LOG.infof(
                            "killing task %s on agent %s: the master %s",
                            running.getTask().getTaskId(),
                            agent.id,
                            !ours
                                    ? "does not know it"
                                    : task.killRequested ? "was asked to kill it" : "has already ended it");
                    agent.link.send(new AgentEvent()
                            .withType(AgentEvent.Type.KILL_TASK)
                            .withKillTask(new io.atrium.protocol.agent.KillTask()
                                    .withTaskId(running.getTask().getTaskId())
                                    .withFrameworkId(running.getTask().getFrameworkId())));
                }
                continue;
            }
            // A terminal state the agent reports arrives as its own (resent) update, with its exit code.
            if (!task.inFlight
                    && task.state == TaskState.TASK_UNREACHABLE
                    && !TaskStateMachine.isTerminal(running.getState())
                    && TaskStateMachine.allows(task.state, running.getState())) {
                masterUpdate(
                        task,
                        running.getState(),
                        TaskReason.REASON_RECONCILIATION,
                        "Agent re-registered with the task in " + running.getState());
            }
        }
        for (String taskId : List.copyOf(agent.tasks)) {
            TaskEntry task = tasks.get(taskId);
            if (!byId.containsKey(taskId) && !TaskStateMachine.isTerminal(task.state) && !task.inFlight) {
                if (task.state == TaskState.TASK_STAGING) {
                    masterUpdate(
                            task,
                            TaskState.TASK_DROPPED,
                            TaskReason.REASON_AGENT_RESTARTED,
                            "The agent re-registered without the task: it never started");
                } else {
                    masterUpdate(
                            task,
                            TaskState.TASK_LOST,
                            TaskReason.REASON_AGENT_RESTARTED,
                            "The agent re-registered without the task");
                }
            }
        }
    }

    private void refuse(AgentLink link, String why) {
        LOG.warnf("refusing an agent: %s", why);
        link.send(new AgentEvent().withType(AgentEvent.Type.ERROR).withError(new SessionError().withMessage(why)));
        link.close(why);
    }

    private Optional<AgentEntry> linked(AgentLink link) {
        AgentId id = links.get(link);
        return id == null ? Optional.empty() : Optional.ofNullable(agents.get(id));
    }

    private void seen(AgentLink link) {
        linked(link).ifPresent(agent -> agent.lastSeen = clock.instant());
    }

    private void agentUpdate(AgentLink link, TaskStatus status) {
        Optional<AgentEntry> from = linked(link);
        if (from.isEmpty() || status == null) {
            refuse(link, "UPDATE before REGISTER");
            return;
        }
        AgentEntry agent = from.get();
        agent.lastSeen = clock.instant();
        TaskEntry task = tasks.get(status.getTaskId());
        if (task == null || !task.agent.equals(agent.id)) {
            LOG.warnf(
                    "acknowledging update %s for task %s the master does not have on agent %s",
                    status.getUuid(), status.getTaskId(), agent.id);
            acknowledge(agent, status);
            return;
        }
        if (task.uuids.contains(status.getUuid())) {
            acknowledge(agent, status);
            return;
        }
        if (task.recording.contains(status.getUuid())) {
            // The same update is being written (a resend): its acknowledgement follows when it is durable.
            return;
        }
        // Agents send a task's updates without waiting for acknowledgements: judge this one by
        // the state the updates being written lead to, as they are applied in order.
        TaskState previous = projected(task);
        if (!TaskStateMachine.allows(previous, status.getState())) {
            illegal(task, status.getState(), "agent " + agent.id);
            acknowledge(agent, status);
            return;
        }
        task.recording.add(status.getUuid());
        task.writing = status.getState();
        TaskUpdateRecord record = new TaskUpdateRecord(
                task.id,
                status.getUuid(),
                status.getState(),
                status.getReason(),
                status.getMessage(),
                "agent",
                status.getExitCode(),
                Instant.ofEpochMilli(status.getTimestamp()));
        Event event = MasterEvents.taskChanged(
                task, previous, record, status.getHealthy() != null ? status.getHealthy() : task.healthy);
        write(task, record, event)
                .whenCompleteAsync(
                        (ok, error) -> {
                            task.recording.remove(status.getUuid());
                            if (error != null) {
                                LOG.warnf(
                                        "could not record update %s of task %s (the agent will resend): %s",
                                        status.getUuid(), task.id, error.getMessage());
                                return;
                            }
                            apply(task, record);
                            if (status.getHealthy() != null) {
                                task.healthy = status.getHealthy();
                            }
                            AgentEntry now = agents.get(task.agent);
                            if (now != null && now.link != null) {
                                acknowledge(now, status);
                            }
                        },
                        loop);
    }

    private void acknowledge(AgentEntry agent, TaskStatus status) {
        if (agent.link != null) {
            agent.link.send(new AgentEvent()
                    .withType(AgentEvent.Type.ACKNOWLEDGED)
                    .withAcknowledged(new io.atrium.protocol.agent.Acknowledged()
                            .withTaskId(status.getTaskId())
                            .withUuid(status.getUuid())));
        }
    }

    private void illegal(TaskEntry task, TaskState to, String source) {
        illegalTransitions++;
        LOG.errorf(
                "rejected illegal transition of task %s (framework %s) from %s to %s reported by %s",
                task.id, task.framework, task.state, to, source);
    }

    /** How many illegal transitions were rejected since start (a bug counter). */
    public long illegalTransitions() {
        return illegalTransitions;
    }

    /** A state change the master decides itself (unreachable, gone, lost, invalid launch). */
    private void masterUpdate(TaskEntry task, TaskState state, TaskReason reason, String message) {
        TaskUpdateRecord record = new TaskUpdateRecord(
                task.id, UUID.randomUUID().toString(), state, reason.name(), message, "master", null, clock.instant());
        task.inFlight = true;
        write(task, record, MasterEvents.taskChanged(task, projected(task), record, task.healthy))
                .whenCompleteAsync(
                        (ok, error) -> {
                            task.inFlight = false;
                            if (error != null) {
                                LOG.errorf("could not record %s for task %s: %s", state, task.id, error.getMessage());
                                return;
                            }
                            apply(task, record);
                        },
                        loop);
    }

    /** The state {@code task} will be in once the agent updates being written are applied. */
    private static TaskState projected(TaskEntry task) {
        return task.recording.isEmpty() ? task.state : task.writing;
    }

    /** Writes an update of {@code task} and its event once the task's earlier writes are done. */
    private CompletionStage<Void> write(TaskEntry task, TaskUpdateRecord record, Event event) {
        CompletionStage<Void> written = task.written
                .handle((ok, error) -> null)
                .thenCompose(ignored -> untilWritten(
                        "update " + record.uuid() + " of task " + task.id, () -> store.recordUpdate(record, event)));
        task.written = written;
        return written;
    }

    /** Applies a recorded update: new state, history, resources back when terminal, framework told. */
    private void apply(TaskEntry task, TaskUpdateRecord record) {
        if (task.uuids.contains(record.uuid())) {
            return;
        }
        if (!TaskStateMachine.allows(task.state, record.state())) {
            illegal(task, record.state(), record.source());
            return;
        }
        task.uuids.add(record.uuid());
        task.state = record.state();
        task.history.add(new TaskView.StateChange(
                record.state(), record.time(), record.reason(), record.message(), record.exitCode()));
        if (TaskStateMachine.isTerminal(task.state)) {
            AgentEntry agent = agents.get(task.agent);
            if (agent != null) {
                agent.tasks.remove(task.id);
                if (agent.inAllocator) {
                    allocator.recoverResources(task.framework, task.role, agent.id, task.resources, Duration.ZERO);
                    allocateSoon();
                }
            }
        }
        Scheduler scheduler = frameworks.get(task.framework);
        if (scheduler != null) {
            scheduler.update(new TaskStatus()
                    .withTaskId(task.id)
                    .withFrameworkId(task.framework.value())
                    .withState(record.state())
                    .withReason(record.reason())
                    .withMessage(record.message())
                    .withExitCode(record.exitCode())
                    .withUuid(record.uuid())
                    .withTimestamp(record.time().toEpochMilli()));
        }
    }

    // ---- health ----

    private void heartbeatAndCheck() {
        Instant now = clock.instant();
        AgentEvent heartbeat = new AgentEvent().withType(AgentEvent.Type.HEARTBEAT);
        for (AgentEntry agent : List.copyOf(agents.values())) {
            switch (agent.state) {
                case ACTIVE, DISCONNECTED -> {
                    if (Duration.between(agent.lastSeen, now).compareTo(settings.unreachableAfter()) > 0) {
                        unreachable(agent, now);
                    } else if (agent.link != null) {
                        agent.link.send(heartbeat);
                    }
                }
                case UNREACHABLE -> {
                    if (Duration.between(agent.stateSince, now).compareTo(settings.goneTimeout()) > 0) {
                        gone(agent, now);
                    }
                }
                case GONE -> {}
            }
            if (agent.drainDeadline != null && !now.isBefore(agent.drainDeadline)) {
                agent.drainDeadline = null;
                killAll(agent);
            }
        }
        expireOffers(now);
    }

    private void unreachable(AgentEntry agent, Instant now) {
        LOG.warnf("agent %s (%s) is unreachable: silent since %s", agent.id, agent.hostname, agent.lastSeen);
        if (agent.link != null) {
            links.remove(agent.link);
            agent.link.close("missed heartbeats");
            agent.link = null;
        }
        agent.state = AgentState.UNREACHABLE;
        agent.stateSince = now;
        if (agent.inAllocator) {
            rescindOffers(agent, OfferRescinded.Reason.AGENT_UNREACHABLE);
            allocator.removeAgent(agent.id);
            agent.inAllocator = false;
        }
        endTasks(
                agent,
                TaskState.TASK_UNREACHABLE,
                TaskReason.REASON_AGENT_DISCONNECTED,
                "Agent " + agent.hostname + " stopped heartbeating");
        persist(agent, EventType.AGENT_UNREACHABLE);
    }

    /** Moves every unfinished task of {@code agent} to {@code state} (unreachable or gone). */
    private void endTasks(AgentEntry agent, TaskState state, TaskReason reason, String message) {
        for (String taskId : List.copyOf(agent.tasks)) {
            TaskEntry task = tasks.get(taskId);
            if (!TaskStateMachine.isTerminal(task.state)) {
                masterUpdate(task, state, reason, message);
            }
        }
    }

    private void gone(AgentEntry agent, Instant now) {
        LOG.warnf("agent %s (%s) is gone: unreachable since %s", agent.id, agent.hostname, agent.stateSince);
        agent.state = AgentState.GONE;
        agent.stateSince = now;
        endTasks(
                agent,
                TaskState.TASK_GONE,
                TaskReason.REASON_AGENT_REMOVED,
                "Agent " + agent.hostname + " was unreachable for longer than " + settings.goneTimeout());
        persist(agent, EventType.AGENT_GONE);
    }

    /** Saves the agent's row with the event of its change, after its earlier saves. */
    private void persist(AgentEntry agent, EventType change) {
        persist(agent, change, null);
    }

    private void persist(AgentEntry agent, EventType change, io.atrium.protocol.events.Actor actor) {
        AgentRecord record = new AgentRecord(
                agent.id.value(),
                agent.hostname,
                agent.total.toString(),
                agent.attributes,
                agent.state.name(),
                agent.stateSince);
        Event event = MasterEvents.agent(change, agent, clock.instant(), actor);
        agent.saved = agent.saved
                .handle((ok, error) -> null)
                .thenCompose(
                        ignored -> untilWritten("agent " + agent.id, () -> store.saveAgent(record, List.of(event))));
    }

    // ---- drain ----

    /**
     * Drains an agent: no new offers, outstanding ones rescinded; tasks still running at the
     * deadline are killed. Returns the agent, or empty if unknown.
     */
    public Optional<AgentView> drain(AgentId id, Duration deadline, io.atrium.protocol.events.Actor actor) {
        AgentEntry agent = agents.get(id);
        if (agent == null || agent.state == AgentState.GONE) {
            return Optional.empty();
        }
        agent.draining = true;
        agent.drainDeadline = clock.instant().plus(deadline);
        if (agent.inAllocator) {
            allocator.deactivateAgent(id);
            rescindOffers(agent, OfferRescinded.Reason.AGENT_DRAINED);
        }
        persist(agent, EventType.AGENT_DRAINED, actor);
        LOG.infof("draining agent %s (%s); tasks left at %s are killed", id, agent.hostname, agent.drainDeadline);
        return Optional.of(view(agent));
    }

    public Optional<AgentView> undrain(AgentId id, io.atrium.protocol.events.Actor actor) {
        AgentEntry agent = agents.get(id);
        if (agent == null || agent.state == AgentState.GONE) {
            return Optional.empty();
        }
        agent.draining = false;
        agent.drainDeadline = null;
        if (agent.inAllocator && agent.state == AgentState.ACTIVE) {
            allocator.activateAgent(id);
            allocateSoon();
        }
        persist(agent, EventType.AGENT_UNDRAINED, actor);
        LOG.infof("agent %s (%s) is back in service", id, agent.hostname);
        return Optional.of(view(agent));
    }

    private void killAll(AgentEntry agent) {
        for (String taskId : List.copyOf(agent.tasks)) {
            kill(tasks.get(taskId));
        }
    }

    // ---- offers ----

    private void allocateSoon() {
        if (!allocationQueued) {
            allocationQueued = true;
            loop.execute(() -> {
                allocationQueued = false;
                allocator.taskLimitReached(rolesAtTaskLimit());
                allocator.allocate();
            });
        }
    }

    /**
     * The roles whose tasks (with those of the roles below them) reach their quota's
     * {@code maxTasks}; none when no quota limits tasks, so that clusters without such quotas
     * pay nothing for it.
     */
    private Set<String> rolesAtTaskLimit() {
        Map<String, Integer> limits = new java.util.HashMap<>();
        quotas.forEach((role, quota) -> {
            if (quota.maxTasks() != null) {
                limits.put(role, quota.maxTasks());
            }
        });
        if (limits.isEmpty()) {
            return Set.of();
        }
        Map<String, Integer> running = new java.util.HashMap<>();
        for (TaskEntry task : tasks.values()) {
            if (!TaskStateMachine.isTerminal(task.state)) {
                for (String r = task.role; r != null; r = Roles.parent(r)) {
                    if (limits.containsKey(r)) {
                        running.merge(r, 1, Integer::sum);
                    }
                }
            }
        }
        Set<String> reached = new java.util.HashSet<>();
        limits.forEach((role, most) -> {
            if (running.getOrDefault(role, 0) >= most) {
                reached.add(role);
            }
        });
        return reached;
    }

    /**
     * Why one more task of {@code role} would pass the most tasks at once of its quota or of a
     * quota above it (tasks being launched count, as they are tasks already); null when not.
     */
    String taskLimit(String role) {
        Set<String> reached = rolesAtTaskLimit();
        for (String r = role; r != null && !reached.isEmpty(); r = Roles.parent(r)) {
            if (reached.contains(r)) {
                return "role " + r + " runs the most tasks its quota allows at once ("
                        + quotas.get(r).maxTasks() + ")";
            }
        }
        return null;
    }

    private void offer(List<Allocation> allocations) {
        Instant expires = clock.instant().plus(settings.offerTimeout());
        Map<FrameworkId, List<Offer>> byFramework = new LinkedHashMap<>();
        for (Allocation allocation : allocations) {
            AgentEntry agent = agents.get(allocation.agent());
            Offer offer = new Offer(
                    UUID.randomUUID().toString(),
                    allocation.framework(),
                    allocation.role(),
                    allocation.agent(),
                    agent.hostname,
                    agent.attributes,
                    allocation.resources(),
                    expires);
            offers.put(offer.id(), offer);
            emit(MasterEvents.offerCreated(offer, clock.instant()));
            LOG.debugf(
                    "offer %s to %s for role %s on %s: %s",
                    offer.id(), offer.framework(), offer.role(), agent.hostname, offer.resources());
            byFramework
                    .computeIfAbsent(offer.framework(), f -> new ArrayList<>())
                    .add(offer);
        }
        byFramework.forEach((framework, list) -> frameworks.get(framework).offers(list));
    }

    private void rescindOffers(AgentEntry agent, OfferRescinded.Reason reason) {
        for (Offer offer : List.copyOf(offers.values())) {
            if (offer.agent().equals(agent.id)) {
                rescind(offer, MasterEvents.offerRescinded(offer, reason, clock.instant()));
            }
        }
    }

    private void expireOffers(Instant now) {
        for (Offer offer : List.copyOf(offers.values())) {
            if (!now.isBefore(offer.expiresAt())) {
                rescind(offer, MasterEvents.offerExpired(offer, now));
            }
        }
    }

    /** An offer an invalid ACCEPT took: back to the pool, and its framework told. */
    void rescindTaken(Offer offer) {
        rescind(offer, MasterEvents.offerRescinded(offer, OfferRescinded.Reason.INVALID_ACCEPT, clock.instant()));
    }

    private void rescind(Offer offer, Event why) {
        offers.remove(offer.id());
        emit(why);
        allocator.recoverResources(offer.framework(), offer.role(), offer.agent(), offer.resources(), Duration.ZERO);
        Scheduler scheduler = frameworks.get(offer.framework());
        if (scheduler != null) {
            scheduler.rescind(offer.id());
        }
    }

    // ---- frameworks ----

    /**
     * Subscribes an in-process framework. {@code scheduler} receives the driver before the first
     * offer can reach it.
     */
    public void subscribe(FrameworkId id, Set<String> roles, Function<SchedulerDriver, Scheduler> scheduler) {
        Scheduler subscribed = scheduler.apply(new Driver(this, id, loop));
        loop.execute(() -> {
            EventType change =
                    frameworks.containsKey(id) ? EventType.FRAMEWORK_FAILED_OVER : EventType.FRAMEWORK_SUBSCRIBED;
            emit(MasterEvents.framework(change, id, roles, clock.instant()));
            frameworks.put(id, subscribed);
            frameworkRoles.put(id, new java.util.TreeSet<>(roles));
            allocator.addFramework(id, roles, true);
            allocateSoon();
        });
    }

    /**
     * Removes a framework (Mesos TEARDOWN): its offers go back, its tasks are killed, it gets
     * no more offers or updates.
     */
    public void teardown(FrameworkId id) {
        loop.execute(() -> {
            if (frameworks.remove(id) == null) {
                return;
            }
            for (Offer offer : List.copyOf(offers.values())) {
                if (offer.framework().equals(id)) {
                    offers.remove(offer.id());
                    emit(MasterEvents.offerRescinded(offer, OfferRescinded.Reason.FRAMEWORK_REMOVED, clock.instant()));
                }
            }
            emit(MasterEvents.framework(
                    EventType.FRAMEWORK_REMOVED,
                    id,
                    java.util.Objects.requireNonNullElse(frameworkRoles.remove(id), Set.of()),
                    clock.instant()));
            tasks.values().stream().filter(task -> task.framework.equals(id)).forEach(this::kill);
            allocator.removeFramework(id);
            LOG.infof("framework %s torn down", id);
        });
    }

    void accept(
            FrameworkId framework, List<String> offerIds, List<io.atrium.tasks.LaunchTask> launches, Duration refuse) {
        new Launch(this, framework, offerIds, launches, refuse).run();
    }

    void decline(FrameworkId framework, List<String> offerIds, Duration refuse) {
        for (String offerId : offerIds) {
            Offer offer = offers.get(offerId);
            if (offer != null && offer.framework().equals(framework)) {
                offers.remove(offerId);
                emit(MasterEvents.offerDeclined(offer, refuse, clock.instant()));
                allocator.recoverResources(framework, offer.role(), offer.agent(), offer.resources(), refuse);
            }
        }
        allocateSoon();
    }

    void kill(FrameworkId framework, String taskId) {
        TaskEntry task = tasks.get(taskId);
        if (task != null && task.framework.equals(framework)) {
            kill(task);
        }
    }

    /**
     * Kills one of {@code tenant}'s tasks, whichever framework runs it (the framework hears of
     * it as TASK_KILLED); answers the task as it is now, or empty if the tenant has no such task.
     * A task that has ended is left as it is.
     */
    public Optional<TaskView> kill(String tenant, String taskId) {
        return owned(tenant, taskId).flatMap(task -> {
            if (!TaskStateMachine.isTerminal(task.state)) {
                LOG.infof("killing task %s of tenant %s (framework %s) as asked", task.id, tenant, task.framework);
            }
            kill(task);
            return task(task.id);
        });
    }

    private void kill(TaskEntry task) {
        if (TaskStateMachine.isTerminal(task.state)) {
            return;
        }
        // A launch still being written is not sent to its agent: it ends TASK_KILLED once written.
        task.killRequested = true;
        AgentEntry agent = agents.get(task.agent);
        if (agent != null && agent.link != null) {
            agent.link.send(new AgentEvent()
                    .withType(AgentEvent.Type.KILL_TASK)
                    .withKillTask(new io.atrium.protocol.agent.KillTask()
                            .withTaskId(task.id)
                            .withFrameworkId(task.framework.value())));
        }
    }

    void updateRoles(FrameworkId framework, Set<String> roles) {
        allocator.addFrameworkRoles(framework, roles);
        frameworkRoles
                .computeIfAbsent(framework, f -> new java.util.TreeSet<>())
                .addAll(roles);
        allocateSoon();
    }

    void revive(FrameworkId framework, Set<String> roles) {
        allocator.reviveOffers(framework, roles);
        allocateSoon();
    }

    void suppress(FrameworkId framework, Set<String> roles) {
        allocator.suppressOffers(framework, roles);
    }

    // ---- events ----

    /**
     * Queues an event that describes no stored state; the events queued while the loop runs
     * one task are written together, after the batches before them.
     */
    void emit(Event event) {
        if (loose.isEmpty()) {
            loop.execute(this::writeLoose);
        }
        loose.add(event);
    }

    private void writeLoose() {
        List<Event> batch = List.copyOf(loose);
        loose.clear();
        looseWritten = looseWritten
                .handle((ok, error) -> null)
                .thenCompose(ignored -> untilWritten(batch.size() + " events", () -> store.append(batch)));
    }

    /**
     * Runs {@code write} until it succeeds, pausing longer after each failure (up to 5 s): what
     * the master decided, and its events, are never dropped, and the writes queued behind it
     * on the same chain keep their order. Fails only when the master stops.
     */
    private CompletionStage<Void> untilWritten(String what, Supplier<CompletionStage<Void>> write) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        attempt(what, write, written, 100);
        return written;
    }

    private void attempt(
            String what, Supplier<CompletionStage<Void>> write, CompletableFuture<Void> written, long pause) {
        write.get().whenComplete((ok, error) -> {
            if (error == null) {
                written.complete(null);
                return;
            }
            LOG.errorf("could not write %s, trying again in %d ms: %s", what, pause, error.getMessage());
            try {
                loop.schedule(
                        () -> attempt(what, write, written, Math.min(pause * 2, 5_000)), pause, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                written.completeExceptionally(error);
            }
        });
    }

    // ---- what Launch needs ----

    Offer takeOffer(String id) {
        return offers.remove(id);
    }

    Allocator allocator() {
        return allocator;
    }

    AgentEntry agent(AgentId id) {
        return agents.get(id);
    }

    boolean taskExists(String taskId) {
        return tasks.containsKey(taskId);
    }

    Clock clock() {
        return clock;
    }

    MasterStore store() {
        return store;
    }

    ScheduledExecutorService loop() {
        return loop;
    }

    void addTask(TaskEntry task) {
        tasks.put(task.id, task);
        agents.get(task.agent).tasks.add(task.id);
    }

    /**
     * Ends a task the store could not record (so no update row can refer to it): in memory only,
     * resources back to the allocator, the framework told.
     */
    void dropUnrecorded(TaskEntry task, String message) {
        TaskUpdateRecord record = new TaskUpdateRecord(
                task.id,
                UUID.randomUUID().toString(),
                TaskState.TASK_DROPPED,
                TaskReason.REASON_TASK_INVALID.name(),
                message,
                "master",
                null,
                clock.instant());
        apply(task, record);
        tasks.remove(task.id);
    }

    /** Ends a task that was killed before its launch went out to its agent. */
    void killedBeforeLaunch(TaskEntry task) {
        masterUpdate(
                task,
                TaskState.TASK_KILLED,
                TaskReason.REASON_TASK_KILLED_DURING_LAUNCH,
                "Killed before it was sent to its agent");
    }

    /** Tells a framework about a task it named but the master cannot track (e.g. a duplicate id). */
    void rejectUntracked(FrameworkId framework, String taskId, TaskState state, TaskReason reason, String message) {
        Scheduler scheduler = frameworks.get(framework);
        if (scheduler != null) {
            scheduler.update(new TaskStatus()
                    .withTaskId(taskId)
                    .withFrameworkId(framework.value())
                    .withState(state)
                    .withReason(reason.name())
                    .withMessage(message)
                    .withUuid(UUID.randomUUID().toString())
                    .withTimestamp(clock.millis()));
        }
    }

    void allocateLater() {
        allocateSoon();
    }

    // ---- roles ----

    /**
     * Applies a role's stored weight and quota (they take effect in the allocation cycle that
     * starts now), unless a newer version of them was applied already: writes of settings may
     * complete in any order, the highest version wins.
     */
    public RoleView applyRole(String role, double weight, Quota quota, long version) {
        if (version > roleVersions.getOrDefault(role, 0L)) {
            roleVersions.put(role, version);
            allocator.updateQuota(role, quota);
            quotas.put(role, quota);
            allocator.updateWeights(Map.of(role, weight));
            weights.put(role, weight);
            allocateSoon();
        }
        return role(role);
    }

    /** Drops a deleted tenant's role settings: no quota (its guarantees are no longer held back), weight 1. */
    public void forgetRole(String role) {
        roleVersions.remove(role);
        quotas.remove(role);
        weights.remove(role);
        allocator.updateQuota(role, Quota.NONE);
        allocator.updateWeights(Map.of(role, 1.0));
        allocateSoon();
    }

    /**
     * Whether a task of {@code role} asking {@code ask} could ever run: within the quota limits
     * of the role and of every role above it, and on at least one agent that is not gone.
     */
    public Feasibility.Fit feasibility(String role, Resources ask) {
        java.util.SortedMap<String, io.atrium.resources.Scalar> limits = new java.util.TreeMap<>();
        for (String r = role; r != null; r = io.atrium.resources.Roles.parent(r)) {
            quotas.getOrDefault(r, Quota.NONE)
                    .limits()
                    .forEach((name, limit) -> limits.merge(name, limit, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        }
        List<io.atrium.resources.Quantities> totals = agents.values().stream()
                .filter(agent -> agent.state != AgentState.GONE)
                .map(agent -> agent.total.allocatableTo(role).quantities())
                .toList();
        return Feasibility.of(ask.quantities(), new Quota(io.atrium.resources.Quantities.NONE, limits), totals);
    }

    /**
     * Why a task of {@code role} asking {@code ask}, on agents {@code allowed} accepts, is not
     * running now (see {@link Pending}): from the agents as the allocator sees them and the
     * quota limits of the role and every role above it.
     */
    public Pending.Why pending(String role, Resources ask, java.util.function.Predicate<Pending.Agent> allowed) {
        Set<String> atLimit = rolesAtTaskLimit();
        for (String r = role; r != null && !atLimit.isEmpty(); r = io.atrium.resources.Roles.parent(r)) {
            if (atLimit.contains(r)) {
                return new Pending.AtTaskLimit(r, quotas.get(r).maxTasks());
            }
        }
        List<Pending.RoleBound> bounds = new ArrayList<>();
        for (String r = role; r != null; r = io.atrium.resources.Roles.parent(r)) {
            bounds.add(
                    new Pending.RoleBound(r, quotas.getOrDefault(r, Quota.NONE).limits(), allocator.allocation(r)));
        }
        List<Pending.Agent> pool = agents.values().stream()
                .filter(agent -> agent.state != AgentState.GONE)
                .map(agent -> new Pending.Agent(
                        agent.hostname,
                        agent.attributes,
                        agent.inAllocator
                                ? allocator
                                        .available(agent.id)
                                        .allocatableTo(role)
                                        .quantities()
                                : io.atrium.resources.Quantities.NONE,
                        agent.inAllocator && agent.state == AgentState.ACTIVE && !agent.draining))
                .toList();
        return Pending.of(ask.quantities(), bounds, pool, allowed);
    }

    /** The version of a role's settings the master applies (0: never set). */
    public long roleVersion(String role) {
        return roleVersions.getOrDefault(role, 0L);
    }

    /** A role's weight, quota and what it holds now. */
    public RoleView role(String role) {
        Quota quota = quotas.getOrDefault(role, Quota.NONE);
        return new RoleView(
                role,
                weights.getOrDefault(role, 1.0),
                amounts(quota.guarantees().asMap()),
                amounts(quota.limits()),
                quota.maxTasks(),
                amounts(allocator.allocation(role).asMap()));
    }

    private static Map<String, java.math.BigDecimal> amounts(Map<String, io.atrium.resources.Scalar> scalars) {
        Map<String, java.math.BigDecimal> amounts = new java.util.TreeMap<>();
        scalars.forEach((name, scalar) -> amounts.put(name, new java.math.BigDecimal(scalar.toString())));
        return amounts;
    }

    // ---- views ----

    /**
     * Capacity and allocation now and over the last hour, agents by state, and the tasks of the
     * tenants {@code visibleTenant} accepts by state.
     */
    public ClusterView overview(Predicate<String> visibleTenant) {
        ClusterView.Sample now = capacityNow();
        Map<String, Integer> agentStates = new java.util.TreeMap<>();
        for (AgentEntry agent : agents.values()) {
            String state = agent.state == AgentState.ACTIVE && agent.draining ? "DRAINING" : agent.state.name();
            agentStates.merge(state, 1, Integer::sum);
        }
        Map<TaskState, Integer> taskStates = new java.util.EnumMap<>(TaskState.class);
        for (TaskEntry task : tasks.values()) {
            if (visibleTenant.test(Roles.tenantOf(task.role))) {
                taskStates.merge(task.state, 1, Integer::sum);
            }
        }
        return new ClusterView(
                now.time(), now.capacity(), now.allocated(), agentStates, taskStates, capacityHistory.samples());
    }

    /** What the connected agents have, and what of it is offered or used, in scalars. */
    private ClusterView.Sample capacityNow() {
        Quantities capacity = Quantities.NONE;
        Quantities allocated = Quantities.NONE;
        for (AgentEntry agent : agents.values()) {
            if (agent.state != AgentState.ACTIVE) {
                continue;
            }
            Quantities total = agent.total.quantities();
            capacity = capacity.plus(total);
            if (agent.inAllocator) {
                allocated = allocated.plus(
                        total.minusFloored(allocator.available(agent.id).quantities()));
            }
        }
        return new ClusterView.Sample(clock.instant(), withStandard(capacity), withStandard(allocated));
    }

    /** The amounts, with cpus, mem, disk and gpus always there (0 when none). */
    private static Map<String, java.math.BigDecimal> withStandard(Quantities quantities) {
        Map<String, java.math.BigDecimal> amounts = amounts(quantities.asMap());
        for (String name : List.of("cpus", "mem", "disk", "gpus")) {
            amounts.putIfAbsent(name, java.math.BigDecimal.ZERO);
        }
        return amounts;
    }

    public List<AgentView> agents() {
        return agents.values().stream().map(this::view).toList();
    }

    public Optional<AgentView> agentView(AgentId id) {
        return Optional.ofNullable(agents.get(id)).map(this::view);
    }

    /** The tasks on an agent that have not ended; empty when there is no such agent. */
    public Optional<List<io.atrium.agents.AgentTask>> agentTasks(AgentId id) {
        return Optional.ofNullable(agents.get(id)).map(agent -> agent.tasks.stream()
                .map(tasks::get)
                .filter(task -> task != null && !TaskStateMachine.isTerminal(task.state))
                .map(task -> new io.atrium.agents.AgentTask(
                        task.id,
                        task.name,
                        Roles.tenantOf(task.role),
                        task.role,
                        task.state,
                        task.resources.toString()))
                .toList());
    }

    /** A task of {@code tenant}'s: its role is the tenant or one below it. */
    public Optional<TaskView> task(String tenant, String taskId) {
        return owned(tenant, taskId).flatMap(task -> task(task.id));
    }

    private Optional<TaskEntry> owned(String tenant, String taskId) {
        return Optional.ofNullable(tasks.get(taskId))
                .filter(task -> task.role.equals(tenant) || task.role.startsWith(tenant + "/"));
    }

    /** How many of {@code tenant}'s tasks (its role's and those below it) have not ended. */
    public int activeTasks(String tenant) {
        return (int) tenantTasks(tenant).count();
    }

    /** Kills every task of {@code tenant}'s that has not ended, as before deleting the tenant; how many. */
    public int killTenant(String tenant) {
        List<TaskEntry> active = tenantTasks(tenant).toList();
        active.forEach(this::kill);
        return active.size();
    }

    private java.util.stream.Stream<TaskEntry> tenantTasks(String tenant) {
        return tasks.values().stream()
                .filter(task -> !TaskStateMachine.isTerminal(task.state))
                .filter(task -> Roles.tenantOf(task.role).equals(tenant));
    }

    /**
     * Reads a piece of one of {@code tenant}'s tasks' stdout or stderr through its agent; on
     * the master's thread. Fails with {@link NoSuchElementException} for a task the tenant does
     * not have, {@link IllegalStateException} when its agent is not connected.
     */
    public CompletionStage<LogRead> readLog(String tenant, String taskId, ReadLog request) {
        return withAgent(tenant, taskId, (task, link) -> {
            boolean ended = TaskStateMachine.isTerminal(task.state);
            return logReads.send(link, request.withTaskId(task.id).withFrameworkId(task.framework.value()))
                    .thenApply(data -> new LogRead(data, ended));
        });
    }

    /** An agent's answer to a log read, and whether the task had ended when it was asked. */
    public record LogRead(LogData data, boolean taskEnded) {}

    /**
     * Reads a piece of a file in the sandbox of one of {@code tenant}'s tasks through its
     * agent; on the master's thread. Fails as {@link #readLog} does.
     */
    public CompletionStage<LogData> readFile(String tenant, String taskId, ReadFile request) {
        return withAgent(
                tenant,
                taskId,
                (task, link) ->
                        logReads.send(link, request.withTaskId(task.id).withFrameworkId(task.framework.value())));
    }

    /**
     * Lists a directory of the sandbox of one of {@code tenant}'s tasks through its agent; on
     * the master's thread. Fails as {@link #readLog} does.
     */
    public CompletionStage<FileList> listFiles(String tenant, String taskId, ListFiles request) {
        return withAgent(
                tenant,
                taskId,
                (task, link) ->
                        logReads.send(link, request.withTaskId(task.id).withFrameworkId(task.framework.value())));
    }

    /** Asks the agent of one of {@code tenant}'s tasks; fails as {@link #readLog} says. */
    private <T> CompletionStage<T> withAgent(
            String tenant, String taskId, java.util.function.BiFunction<TaskEntry, AgentLink, CompletionStage<T>> ask) {
        TaskEntry task = owned(tenant, taskId).orElse(null);
        if (task == null) {
            return CompletableFuture.failedFuture(new NoSuchElementException("No task " + taskId + " in " + tenant));
        }
        AgentEntry agent = agents.get(task.agent);
        if (agent == null || agent.link == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "The agent of task " + taskId + " is not connected; its files can be read when it is back"));
        }
        return ask.apply(task, agent.link);
    }

    public Optional<TaskView> task(String taskId) {
        TaskEntry task = tasks.get(taskId);
        if (task == null) {
            return Optional.empty();
        }
        AgentEntry agent = agents.get(task.agent);
        return Optional.of(new TaskView(
                task.id,
                task.name,
                task.agent.value(),
                agent == null ? null : agent.hostname,
                task.state,
                task.resources.toString(),
                List.copyOf(task.history),
                TaskStateMachine.isTerminal(task.state) ? null : task.usage,
                task.container.healthCheck() == null ? null : task.healthy));
    }

    private void usage(AgentLink link, Usage usage) {
        AgentId agent = links.get(link);
        if (agent == null || usage == null) {
            return;
        }
        Instant at = Instant.ofEpochMilli(usage.getTimestamp());
        for (TaskUsage measured : usage.getTasks()) {
            TaskEntry task = tasks.get(measured.getTaskId());
            if (task != null && task.agent.equals(agent) && !TaskStateMachine.isTerminal(task.state)) {
                task.usage = new TaskView.Usage(
                        measured.getCpuSeconds(),
                        measured.getMemoryBytes(),
                        measured.getMemoryPeakBytes(),
                        measured.getDiskBytes(),
                        at);
            }
        }
    }

    /** A running task's latest usage, for metrics. */
    public record RunningUsage(String role, String taskId, TaskView.Usage usage) {}

    public List<RunningUsage> runningUsage() {
        return tasks.values().stream()
                .filter(task -> task.usage != null && !TaskStateMachine.isTerminal(task.state))
                .map(task -> new RunningUsage(task.role, task.id, task.usage))
                .toList();
    }

    private AgentView view(AgentEntry agent) {
        int active = (int) agent.tasks.stream()
                .filter(id -> !TaskStateMachine.isTerminal(tasks.get(id).state))
                .count();
        return new AgentView(
                agent.id.value(),
                agent.hostname,
                agent.state,
                agent.draining,
                agent.draining && active == 0,
                agent.total.toString(),
                agent.inAllocator ? allocator.available(agent.id).toString() : "",
                agent.attributes,
                active,
                agent.lastSeen);
    }
}
