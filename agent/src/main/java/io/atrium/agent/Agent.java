package io.atrium.agent;

import io.atrium.agent.containerizer.Containerizer;
import io.atrium.agent.containerizer.Fetcher;
import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.KillTask;
import io.atrium.protocol.agent.Register;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.protocol.agent.TaskUsage;
import io.atrium.protocol.agent.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The agent's side of the session with the master: registers (with its id and tasks when it
 * has been registered before), heartbeats, runs and kills tasks on request, and keeps status
 * updates flowing until they are acknowledged. Everything runs on one loop thread.
 */
final class Agent implements MasterLink.Session {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());

    /** Silent intervals after which the agent gives up on a link (the master's default, too). */
    static final int MAX_MISSED_HEARTBEATS = 5;
    /** Most reads of task files at once (logs, sandbox listings and files). */
    static final int MAX_READS = 8;

    private final AgentConfig config;
    private final String resources;
    private final Checkpoints checkpoints;
    private final ScheduledExecutorService loop;
    private final OffLoop reads = new OffLoop(MAX_READS);
    private final StatusUpdates updates;
    private final TaskRunner runner;
    private final Clock clock;
    private final LogReader logs;
    private final SandboxFiles files;
    private final MasterLink link;
    private boolean registered;
    private ScheduledFuture<?> heartbeats;

    Agent(
            AgentConfig config,
            String resources,
            Containerizer containerizer,
            ScheduledExecutorService loop,
            Clock clock,
            Backoff backoff) {
        this.config = config;
        this.resources = resources;
        this.checkpoints = new Checkpoints(config.workDir());
        this.loop = loop;
        this.clock = clock;
        this.link = new MasterLink(config, backoff, loop, clock, this);
        this.updates = new StatusUpdates(checkpoints, clock, Duration.ofSeconds(10), this::sendIfRegistered);
        this.runner = new TaskRunner(
                checkpoints,
                containerizer,
                new Fetcher(config.workDir().resolve("fetch-cache"), config.fetchMaxBytes(), config.fetchLocalDirs()),
                new LogRotator(config.logMaxBytes(), config.logKeep()),
                updates,
                loop,
                clock,
                config.killGracePeriod());
        // Reads of task files run off the loop (see OffLoop); their answers are sent from the loop.
        Predicate<AgentCall> sendFromLoop = call -> {
            loop.execute(() -> sendIfRegistered(call));
            return true;
        };
        this.logs = new LogReader(checkpoints, loop, reads, clock, sendFromLoop);
        this.files = new SandboxFiles(checkpoints, reads, sendFromLoop);
    }

    /** Recovers checkpointed tasks and updates, then connects. Call on the loop thread. */
    void start() {
        updates.recover();
        runner.recover();
        runner.startWatching();
        loop.scheduleWithFixedDelay(() -> updates.resend(false), 5, 5, TimeUnit.SECONDS);
        SandboxCollector collector = new SandboxCollector(
                config.workDir().resolve("sandboxes"),
                config.gcDelay(),
                config.gcDiskHeadroom(),
                clock,
                () -> diskUsed(config.workDir()));
        loop.scheduleWithFixedDelay(
                () -> {
                    Set<Path> live = runner.liveSandboxes();
                    Thread.ofVirtual().start(() -> collector
                            .collect(live)
                            .forEach(run -> LOG.info(
                                    () -> "removed sandbox " + run + " (older than " + collector.maxAge() + ")")));
                },
                1,
                1,
                TimeUnit.MINUTES);
        long usageMillis = config.usageInterval().toMillis();
        loop.scheduleWithFixedDelay(this::reportUsage, usageMillis, usageMillis, TimeUnit.MILLISECONDS);
        link.start();
    }

    void stop() {
        link.stop();
    }

    @Override
    public void connected() {
        Register register = new Register()
                .withAgentId(agentId())
                .withHostname(config.hostname())
                .withResources(resources)
                .withAttributes(config.attributes())
                .withVersion(Main.version())
                .withTasks(runner.known());
        link.send(new AgentCall().withType(AgentCall.Type.REGISTER).withRegister(register));
    }

    @Override
    public void event(AgentEvent event) {
        switch (event.getType()) {
            case REGISTERED -> registered(event);
            case HEARTBEAT -> {}
            case RUN_TASK -> runner.launch(event.getRunTask());
            case KILL_TASK -> {
                KillTask kill = event.getKillTask();
                runner.kill(
                        kill.getTaskId(),
                        kill.getGracePeriodSeconds() == null
                                ? null
                                : Duration.ofMillis((long) (kill.getGracePeriodSeconds() * 1000)));
            }
            case ACKNOWLEDGED -> {
                TaskStatus done = updates.acknowledged(
                        event.getAcknowledged().getTaskId(),
                        event.getAcknowledged().getUuid());
                if (done != null
                        && TaskRunner.TERMINAL.contains(done.getState())
                        && !updates.pending(done.getTaskId())) {
                    runner.forget(done.getTaskId());
                }
            }
            case READ_LOG -> logs.read(event.getReadLog());
            case LIST_FILES -> files.list(event.getListFiles());
            case READ_FILE -> files.read(event.getReadFile());
            case ERROR ->
                LOG.warning(
                        () -> "master refused the agent: " + event.getError().getMessage());
        }
    }

    @Override
    public void disconnected() {
        registered = false;
        if (heartbeats != null) {
            heartbeats.cancel(false);
            heartbeats = null;
        }
    }

    private void registered(AgentEvent event) {
        String id = event.getRegistered().getAgentId();
        String previous = agentId();
        Checkpoints.write(checkpoints.agentIdFile(), id.getBytes(StandardCharsets.UTF_8));
        registered = true;
        link.registered();
        LOG.info(() -> (id.equals(previous) ? "re-registered with the master as " : "registered with the master as ")
                + id + " offering " + resources);
        Duration interval = Duration.ofMillis((long) (event.getRegistered().getHeartbeatIntervalSeconds() * 1000));
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        heartbeats = loop.scheduleAtFixedRate(
                () -> {
                    link.checkSilence(interval.multipliedBy(MAX_MISSED_HEARTBEATS));
                    sendIfRegistered(new AgentCall().withType(AgentCall.Type.HEARTBEAT));
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        updates.resend(true);
    }

    private void reportUsage() {
        List<TaskUsage> tasks = runner.usage();
        if (!tasks.isEmpty()) {
            sendIfRegistered(new AgentCall()
                    .withType(AgentCall.Type.USAGE)
                    .withUsage(new Usage().withTimestamp(clock.millis()).withTasks(tasks)));
        }
    }

    /** The fraction of the file system holding {@code dir} that is in use. */
    private static double diskUsed(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return 1 - (double) store.getUsableSpace() / store.getTotalSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    private boolean sendIfRegistered(AgentCall call) {
        return registered && link.send(call);
    }

    private String agentId() {
        Path file = checkpoints.agentIdFile();
        try {
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).strip()
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
