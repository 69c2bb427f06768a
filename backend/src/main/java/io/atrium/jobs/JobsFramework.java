package io.atrium.jobs;

import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.frameworks.FrameworkId;
import io.atrium.frameworks.Scheduler;
import io.atrium.frameworks.SchedulerDriver;
import io.atrium.jobs.Job.Instance;
import io.atrium.jobs.Job.Run;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.resources.Resources;
import io.atrium.tasks.LaunchTask;
import io.atrium.tasks.TaskStateMachine;
import io.atrium.tasks.TaskView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The built-in batch jobs framework (as Chronos ran one-off jobs on Mesos): keeps the jobs
 * tenants submit, and on each offer packs ready instances of that tenant's jobs that fit and
 * satisfy their constraints. Failed instances are retried with exponential backoff up to the
 * job's limit. It uses only the {@link SchedulerDriver} an external framework would have, and
 * asks for offers only for tenants with work waiting (suppress / revive).
 *
 * <p>Plain Java: every method runs on the master's thread.
 */
public final class JobsFramework implements Scheduler {

    public static final FrameworkId ID = new FrameworkId("atrium-jobs");

    private static final Logger LOG = Logger.getLogger(JobsFramework.class);

    /** While instances wait for a retry, offers without a fit come back this soon. */
    private static final Duration RETRY_REFUSE = Duration.ofSeconds(1);

    /** Offers with nothing to launch are not sent again for this long. */
    private static final Duration IDLE_REFUSE = Duration.ofSeconds(5);

    private final Clock clock;
    private final Waits.Placement placement;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Set<String> roles = new TreeSet<>();
    private final List<String> killOnAttach = new ArrayList<>();
    /** Deleted tenants (their names are never given out again). */
    private final Set<String> forgotten = new java.util.HashSet<>();

    private SchedulerDriver driver;

    /**
     * @param placement the master's reasoning about a task that does not run ({@code
     *     Master::pending}), so that a job can say why it waits
     */
    JobsFramework(Clock clock, Waits.Placement placement) {
        this.clock = clock;
        this.placement = placement;
    }

    public void attach(SchedulerDriver driver) {
        this.driver = driver;
        killOnAttach.forEach(driver::kill);
        killOnAttach.clear();
    }

    /**
     * Puts back a job read from the database at start, before the framework subscribes (see
     * {@link #roles()}); its unfinished runs wait for their updates.
     */
    public void restore(Job job) {
        jobs.put(job.id, job);
        for (Instance instance : job.instances) {
            for (Run run : instance.runs) {
                if (run.active()) {
                    runs.put(run.taskId, run);
                    if (job.killedAt != null) {
                        killOnAttach.add(run.taskId); // the kill may not have reached its agent
                    }
                }
            }
        }
        roles.add(job.tenant);
    }

    /** The tenants' roles the framework takes offers for. */
    public Set<String> roles() {
        return Set.copyOf(roles);
    }

    /** Takes a new job: its tenant's role gets offers again. A deleted tenant's job is dropped. */
    public void add(Job job) {
        if (forgotten.contains(job.tenant)) {
            LOG.infof("job %s dropped: its tenant %s was deleted while it was submitted", job.id, job.tenant);
            return;
        }
        jobs.put(job.id, job);
        if (roles.add(job.tenant)) {
            driver.subscribeRoles(Set.of(job.tenant));
        }
        driver.revive(Set.of(job.tenant));
    }

    public Optional<JobView> view(String tenant, String id) {
        return owned(tenant, id).map(this::view);
    }

    /** What {@code tenant}'s job {@code id} was submitted with, to run it again. */
    public Optional<JobRequest> spec(String tenant, String id) {
        return owned(tenant, id).map(job -> job.spec);
    }

    JobView view(Job job) {
        return job.view(clock.instant(), placement);
    }

    private Optional<Job> owned(String tenant, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.tenant.equals(tenant));
    }

    /** A page of the tenant's jobs, newest first. */
    public Page<JobView> list(String tenant, PageRequest page) {
        List<Job> sorted = jobs.values().stream()
                .filter(job -> job.tenant.equals(tenant))
                .sorted(Comparator.comparing(JobsFramework::key, PageRequest.NEWEST_FIRST))
                .toList();
        Page<Job> jobs = page.page(sorted, JobsFramework::key);
        return new Page<>(jobs.items().stream().map(this::view).toList(), jobs.next());
    }

    private static PageRequest.Key key(Job job) {
        return new PageRequest.Key(job.createdAt, job.id);
    }

    /**
     * Kills {@code tenant}'s job {@code id}: its instances waiting to launch never will, its
     * active tasks are killed (each ends TASK_KILLED, or as it ended meanwhile). A job that
     * has ended is left as it is. Answers the job as it is now.
     */
    public Optional<JobView> kill(String tenant, String id) {
        return owned(tenant, id).map(job -> {
            boolean before = job.killedAt != null;
            List<Run> active = job.kill(clock.instant());
            if (!before && job.killedAt != null) {
                LOG.infof("job %s of tenant %s killed: killing %d active tasks", job.id, tenant, active.size());
            }
            active.forEach(run -> driver.kill(run.taskId));
            return view(job);
        });
    }

    @Override
    public void offers(List<Offer> offers) {
        Instant now = clock.instant();
        for (Offer offer : offers) {
            List<LaunchTask> launches = pack(offer, now);
            if (launches.isEmpty()) {
                driver.decline(List.of(offer.id()), waiting(offer.role()) ? RETRY_REFUSE : IDLE_REFUSE);
            } else {
                driver.accept(List.of(offer.id()), launches, RETRY_REFUSE);
            }
        }
        for (String role : roles) {
            if (!waiting(role)) {
                driver.suppress(Set.of(role));
            }
        }
    }

    private List<LaunchTask> pack(Offer offer, Instant now) {
        Resources remaining = offer.resources();
        List<LaunchTask> launches = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (!job.tenant.equals(offer.role()) || !job.hasPending()) {
                continue;
            }
            Set<String> used = job.usedHosts();
            for (Instance instance : job.instances) {
                if (!instance.ready(now)
                        || !remaining.contains(job.resources)
                        || !job.fits(offer.hostname(), offer.attributes(), used)) {
                    continue;
                }
                Run run = instance.launch(offer.agent().value(), offer.hostname(), now);
                runs.put(run.taskId, run);
                used.add(offer.hostname());
                remaining = remaining.minus(job.resources);
                launches.add(new LaunchTask(
                        run.taskId,
                        job.spec.name() + "." + instance.index,
                        job.spec.command(),
                        job.resources,
                        job.spec.env() == null ? Map.of() : job.spec.env(),
                        Map.of("job", job.id),
                        job.container));
            }
        }
        return launches;
    }

    /** Whether the role has instances waiting to launch (now or after a backoff). */
    private boolean waiting(String role) {
        return jobs.values().stream().anyMatch(job -> job.tenant.equals(role) && job.hasPending());
    }

    @Override
    public void rescind(String offerId) {
        // Offers are answered as they arrive; nothing is held.
    }

    @Override
    public void update(TaskStatus status) {
        Run run = runs.get(status.getTaskId());
        if (run == null) {
            LOG.debugf("update for task %s the jobs framework does not track", status.getTaskId());
            return;
        }
        run.state = status.getState();
        run.states.add(new TaskView.StateChange(
                status.getState(),
                Instant.ofEpochMilli(status.getTimestamp()),
                status.getReason(),
                status.getMessage(),
                status.getExitCode()));
        if (TaskStateMachine.isTerminal(run.state)) {
            runs.remove(run.taskId);
            Instance instance = run.instance;
            instance.ended(run, clock.instant());
            if (instance.phase == Job.Phase.PENDING) {
                Job job = instance.job();
                LOG.infof(
                        "task %s ended %s; instance %d of job %s retries at %s",
                        run.taskId, run.state, instance.index, job.id, instance.notBefore);
                driver.revive(Set.of(job.tenant));
            }
        }
    }

    /**
     * Forgets a deleted tenant's jobs and runs (its tasks were killed before), and asks for no
     * more offers of its role, which it would only decline.
     */
    public void forget(String tenant) {
        forgotten.add(tenant);
        jobs.values().removeIf(job -> job.tenant.equals(tenant));
        runs.values().removeIf(run -> run.instance.job().tenant.equals(tenant));
        if (roles.remove(tenant)) {
            driver.suppress(Set.of(tenant));
        }
    }

    /** Kills every job of {@code tenant} (a tenant being deleted): nothing of it launches or retries again. */
    public void killAll(String tenant) {
        Instant now = clock.instant();
        for (Job job : jobs.values()) {
            if (job.tenant.equals(tenant)) {
                job.kill(now).forEach(run -> driver.kill(run.taskId));
            }
        }
    }
}
