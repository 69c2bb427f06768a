package io.atrium.master;

import io.atrium.tasks.TaskView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * Runs the {@link Master} in the application: its own thread (the master's actor loop), its
 * PostgreSQL store, its timings from configuration. Starts before the HTTP server accepts
 * agents, after recovering the last known state.
 */
@ApplicationScoped
public class MasterService {

    private static final Logger LOG = Logger.getLogger(MasterService.class);

    @Inject
    MasterConfig config;

    @Inject
    PgMasterStore store;

    @Inject
    MeterRegistry meters;

    @Inject
    io.atrium.agents.AgentCredentials agents;

    /** How often the usage gauges are refreshed from the master's state. */
    private static final Duration USAGE_REFRESH = Duration.ofSeconds(2);

    private ScheduledExecutorService loop;
    private Master master;

    void start(@Observes @jakarta.annotation.Priority(10) StartupEvent event) {
        loop = new MasterLoop();
        master = new Master(
                Clock.systemUTC(),
                loop,
                store,
                new MasterSettings(
                        config.heartbeatInterval(),
                        config.maxMissedHeartbeats(),
                        config.goneTimeout(),
                        config.allocationInterval(),
                        config.offerTimeout()));
        master.start().toCompletableFuture().join();
        FunctionCounter.builder("atrium.tasks.illegal.transitions", master, Master::illegalTransitions)
                .description("Task state changes rejected because the state machine forbids them (bugs)")
                .register(meters);
        publishUsage();
        if (agents.token().isEmpty()) {
            LOG.warn("atrium.agent.token is not set: no agent can register");
        }
    }

    /**
     * Running tasks' latest usage as gauges tagged by tenant (role) and task, refreshed on the
     * master's thread; ended tasks drop out.
     */
    private void publishUsage() {
        MultiGauge cpu = MultiGauge.builder("atrium.task.cpu.seconds")
                .description("Cpu time a running task used since it started, as its agent last measured")
                .baseUnit("seconds")
                .register(meters);
        MultiGauge memory = MultiGauge.builder("atrium.task.memory.bytes")
                .description("Memory a running task uses, as its agent last measured")
                .baseUnit("bytes")
                .register(meters);
        MultiGauge disk = MultiGauge.builder("atrium.task.disk.bytes")
                .description("Size of a running task's sandbox, as its agent last measured")
                .baseUnit("bytes")
                .register(meters);
        loop.scheduleWithFixedDelay(
                () -> {
                    List<Master.RunningUsage> running = master.runningUsage();
                    cpu.register(rows(running, usage -> usage.cpuSeconds()), true);
                    memory.register(rows(running, usage -> usage.memoryBytes()), true);
                    disk.register(rows(running, usage -> usage.diskBytes()), true);
                },
                USAGE_REFRESH.toMillis(),
                USAGE_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static List<MultiGauge.Row<?>> rows(
            List<Master.RunningUsage> running, ToDoubleFunction<TaskView.Usage> value) {
        return running.stream()
                .<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(
                        Tags.of("tenant", r.role(), "task", r.taskId()), value.applyAsDouble(r.usage())))
                .toList();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.shutdownNow();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    public Master get() {
        return master;
    }

    /**
     * Runs {@code action} on the master's thread and delivers its result back on the caller's
     * Vert.x context (REST handlers and their database sessions need to stay on it).
     */
    public <T> Uni<T> call(Supplier<T> action) {
        return onCaller(Uni.createFrom().completionStage(() -> master.submit(action)));
    }

    /** As {@link #call}, for an action that answers later (a read through an agent). */
    public <T> Uni<T> callAsync(Supplier<CompletionStage<T>> action) {
        return onCaller(
                Uni.createFrom().completionStage(() -> master.submit(action).thenCompose(Function.identity())));
    }

    private static <T> Uni<T> onCaller(Uni<T> result) {
        Context caller = Vertx.currentContext();
        return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
