package io.atrium.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.agents.AgentId;
import io.atrium.allocator.Pending;
import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.frameworks.FrameworkId;
import io.atrium.frameworks.SchedulerDriver;
import io.atrium.jobs.JobView.JobState;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.resources.Resources;
import io.atrium.resources.Scalar;
import io.atrium.tasks.LaunchTask;
import io.atrium.tasks.TaskView;
import io.atrium.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jobs framework's decisions, driven directly: offers in, launches and declines out. */
class JobsFrameworkTest {

    private final MutableClock clock = MutableClock.atEpoch();
    private final RecordingDriver driver = new RecordingDriver();
    /** What the master would say of a task that is not running; each test may change it. */
    private Pending.Why why = new Pending.Placeable();

    private final JobsFramework framework = new JobsFramework(clock, (role, ask, allowed) -> why);

    @BeforeEach
    void attach() {
        framework.attach(driver);
    }

    @Test
    void aJobKilledBeforeARestartLaunchesNothingAndItsRunningTaskIsKilledAgain() {
        // As the master restores it: instance 0 running, instance 1 still waiting, the kill on record.
        Job job = job("killed", "sleep 60", 2, List.of());
        job.instances
                .getFirst()
                .restore(
                        job.id + ".0.1",
                        1,
                        "agent-1",
                        "host-a",
                        List.of(new TaskView.StateChange(TaskState.TASK_RUNNING, clock.instant(), null, null, null)),
                        TaskState.TASK_RUNNING);
        job.kill(clock.instant());
        JobsFramework restarted = new JobsFramework(clock, (role, ask, allowed) -> why);
        restarted.restore(job);
        RecordingDriver after = new RecordingDriver();

        restarted.attach(after);
        restarted.offers(List.of(offer("host-b", Map.of(), "cpus:4;mem:4096")));

        assertThat(after.killed).containsExactly(job.id + ".0.1");
        assertThat(after.launched).isEmpty();
    }

    @Test
    void anOfferIsPackedWithAsManyInstancesAsFit() {
        framework.add(job("packed", "true", 10, List.of()));

        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));

        // cpus:1 holds four instances of 0.25
        assertThat(driver.launched).hasSize(4);
        assertThat(driver.launched).extracting(LaunchTask::resources).containsOnly(Resources.parse("cpus:0.25;mem:32"));
    }

    @Test
    void uniqueHostnamePutsOneInstancePerHost() {
        framework.add(job("spread", "true", 3, List.of(List.of("hostname", "UNIQUE"))));

        Offer a = offer("host-a", Map.of(), "cpus:4;mem:4096");
        Offer b = offer("host-b", Map.of(), "cpus:4;mem:4096");
        framework.offers(List.of(a, b));

        assertThat(driver.launched).hasSize(2);
        assertThat(driver.acceptedOn).containsExactly(a.id(), b.id());
    }

    @Test
    void likeMatchesAnAttributeInFull() {
        framework.add(job("racked", "true", 2, List.of(List.of("rack", "LIKE", "r[12]"))));

        Offer r3 = offer("host-a", Map.of("rack", "r3"), "cpus:4;mem:4096");
        Offer r12 = offer("host-b", Map.of("rack", "r12"), "cpus:4;mem:4096");
        Offer r2 = offer("host-c", Map.of("rack", "r2"), "cpus:4;mem:4096");
        framework.offers(List.of(r3, r12, r2));

        assertThat(driver.acceptedOn).containsExactly(r2.id());
        assertThat(driver.declined).hasSize(2);
    }

    @Test
    void aFailedInstanceIsRetriedWithGrowingBackoffThenFails() {
        Job flaky = job("flaky", "exit 1", 1, List.of(), 2);
        framework.add(flaky);
        String id = flaky.id;

        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));
        end(driver.launched.getLast(), TaskState.TASK_FAILED);
        // the retry waits 1 s
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));
        assertThat(driver.launched).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));
        assertThat(driver.launched).hasSize(2);
        end(driver.launched.getLast(), TaskState.TASK_FAILED);
        // the second retry waits 2 s
        clock.advance(Duration.ofSeconds(1));
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));
        assertThat(driver.launched).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));
        end(driver.launched.getLast(), TaskState.TASK_FAILED);

        JobView view = framework.view("acme", id).orElseThrow();
        assertThat(view.state()).isEqualTo(JobState.FAILED);
        assertThat(view.tasks()).extracting(JobView.JobTask::attempt).containsExactly(1, 2, 3);
        assertThat(driver.suppressed).contains("acme");
    }

    @Test
    void aJobFinishesWhenEveryInstanceHasAndAnotherTenantCannotSeeIt() {
        Job quick = job("quick", "true", 2, List.of());
        framework.add(quick);
        String id = quick.id;
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));

        driver.launched.forEach(task -> end(task, TaskState.TASK_FINISHED));

        assertThat(framework.view("acme", id).orElseThrow().state()).isEqualTo(JobState.FINISHED);
        assertThat(framework.view("globex", id)).isEmpty();
        assertThat(framework.list("globex", firstPage(100)).items()).isEmpty();
    }

    @Test
    void killingAJobKillsItsActiveTasksAndLaunchesNoneOfTheRest() {
        Job wide = job("wide", "sleep 60", 6, List.of(), 3);
        framework.add(wide);
        // cpus:1 holds four of the six instances of 0.25
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));

        JobView killing = framework.kill("acme", wide.id).orElseThrow();

        assertThat(killing.state()).isEqualTo(JobState.KILLING);
        assertThat(killing.killed()).isEqualTo(2);
        assertThat(driver.killed)
                .containsExactlyElementsOf(
                        driver.launched.stream().map(LaunchTask::taskId).toList());
        driver.launched.forEach(task -> end(task, TaskState.TASK_KILLED));
        clock.advance(Duration.ofMinutes(5));
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:4;mem:4096")));
        assertThat(driver.launched).hasSize(4);
        JobView killed = framework.view("acme", wide.id).orElseThrow();
        assertThat(killed.state()).isEqualTo(JobState.KILLED);
        assertThat(killed.killed()).isEqualTo(6);
        assertThat(killed.killedAt()).isEqualTo(killing.killedAt());
        assertThat(driver.suppressed).contains("acme");
    }

    @Test
    void anInstanceThatFinishesWhileItsJobIsBeingKilledCountsAsFinished() {
        Job pair = job("pair", "true", 2, List.of());
        framework.add(pair);
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));

        framework.kill("acme", pair.id);
        end(driver.launched.get(0), TaskState.TASK_FINISHED);
        end(driver.launched.get(1), TaskState.TASK_KILLED);

        JobView view = framework.view("acme", pair.id).orElseThrow();
        assertThat(view.state()).isEqualTo(JobState.KILLED);
        assertThat(view.finished()).isEqualTo(1);
        assertThat(view.killed()).isEqualTo(1);
    }

    @Test
    void killingAnEndedJobChangesNothingAndAnotherTenantCannotKill() {
        Job quick = job("quick", "true", 1, List.of());
        framework.add(quick);
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:1;mem:1024")));
        end(driver.launched.getFirst(), TaskState.TASK_FINISHED);

        assertThat(framework.kill("globex", quick.id)).isEmpty();
        JobView view = framework.kill("acme", quick.id).orElseThrow();

        assertThat(view.state()).isEqualTo(JobState.FINISHED);
        assertThat(view.killedAt()).isNull();
        assertThat(driver.killed).isEmpty();
    }

    @Test
    void pagesWalkTheJobsNewestFirstWithoutRepeatsOrGaps() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Job job = job("job-" + i, "true", 1, List.of());
            framework.add(job);
            submitted.addFirst(job.id);
            // every other job shares its time with the one before, so ids break the ties
            if (i % 2 == 1) {
                clock.advance(Duration.ofMillis(1));
            }
        }

        List<String> walked = new ArrayList<>();
        Page<JobView> page = framework.list("acme", firstPage(3));
        walked.addAll(page.items().stream().map(JobView::id).toList());
        while (page.next() != null) {
            page = framework.list("acme", PageRequest.of("jobs", "3", page.next()));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            walked.addAll(page.items().stream().map(JobView::id).toList());
        }

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(submitted);
        assertThat(walked)
                .isSortedAccordingTo(Comparator.comparing((String id) ->
                                framework.view("acme", id).orElseThrow().createdAt())
                        .reversed());
    }

    @Test
    void aWaitingJobSaysWhyAndARetryNamesItsTime() {
        Job flaky = job("flaky", "exit 1", 2, List.of(), 1);
        framework.add(flaky);
        why = new Pending.OverQuota(List.of(
                new Pending.Headroom("acme", "cpus", Scalar.parse("1"), Scalar.parse("0.9"), Scalar.parse("0.25"))));
        JobView.Waiting quota = framework.view("acme", flaky.id).orElseThrow().waiting();
        assertThat(quota.reason()).isEqualTo(JobView.WaitReason.QUOTA);
        assertThat(quota.instances()).isEqualTo(2);
        assertThat(quota.quota().getFirst().headroom()).isEqualByComparingTo("0.1");
        assertThat(quota.message())
                .isEqualTo("acme's quota limit of 1 cpus leaves 0.1 (0.9 held); each instance asks 0.25");

        why = new Pending.Placeable();
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:0.25;mem:1024")));
        end(driver.launched.getLast(), TaskState.TASK_FAILED);
        framework.offers(List.of(offer("host-a", Map.of(), "cpus:0.25;mem:1024")));
        end(driver.launched.getLast(), TaskState.TASK_FAILED);
        JobView.Waiting backoff = framework.view("acme", flaky.id).orElseThrow().waiting();
        assertThat(backoff.reason()).isEqualTo(JobView.WaitReason.BACKOFF);
        assertThat(backoff.retryAt()).isEqualTo(clock.instant().plusSeconds(1));

        why = new Pending.NoMatch(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(framework.view("acme", flaky.id).orElseThrow().waiting().reason())
                .isEqualTo(JobView.WaitReason.CONSTRAINTS);
    }

    private static PageRequest firstPage(int limit) {
        return PageRequest.of("jobs", Integer.toString(limit), null);
    }

    private void end(LaunchTask task, TaskState state) {
        framework.update(new TaskStatus()
                .withTaskId(task.taskId())
                .withFrameworkId(JobsFramework.ID.value())
                .withState(state)
                .withUuid(UUID.randomUUID().toString())
                .withTimestamp(clock.millis()));
    }

    private Job job(String name, String command, int instances, List<List<String>> constraints) {
        return job(name, command, instances, constraints, 0);
    }

    private Job job(String name, String command, int instances, List<List<String>> constraints, int retries) {
        JobRequest request = new JobRequest(
                name,
                command,
                new JobRequest.TaskResources(new BigDecimal("0.25"), 32, null, null),
                instances,
                retries,
                constraints,
                null,
                null,
                null,
                null,
                null,
                null);
        return new Job(
                UUID.randomUUID().toString(),
                "acme",
                request,
                constraints.stream().map(Constraint::parse).toList(),
                clock.instant(),
                "bob");
    }

    private Offer offer(String hostname, Map<String, String> attributes, String resources) {
        return new Offer(
                UUID.randomUUID().toString(),
                JobsFramework.ID,
                "acme",
                new AgentId(hostname),
                hostname,
                attributes,
                Resources.parse(resources),
                clock.instant().plusSeconds(30));
    }

    /** Records what the framework asks of the master. */
    private static final class RecordingDriver implements SchedulerDriver {
        final List<LaunchTask> launched = new ArrayList<>();
        final List<String> acceptedOn = new ArrayList<>();
        final List<String> declined = new ArrayList<>();
        final List<String> suppressed = new ArrayList<>();
        final List<String> killed = new ArrayList<>();

        @Override
        public FrameworkId frameworkId() {
            return JobsFramework.ID;
        }

        @Override
        public void accept(List<String> offerIds, List<LaunchTask> launches, Duration refuse) {
            launched.addAll(launches);
            acceptedOn.addAll(offerIds);
        }

        @Override
        public void decline(List<String> offerIds, Duration refuse) {
            declined.addAll(offerIds);
        }

        @Override
        public void kill(String taskId) {
            killed.add(taskId);
        }

        @Override
        public void subscribeRoles(Set<String> roles) {}

        @Override
        public void revive(Set<String> roles) {
            suppressed.removeAll(roles);
        }

        @Override
        public void suppress(Set<String> roles) {
            suppressed.addAll(roles);
        }
    }
}
