package io.atrium.jobs;

import io.atrium.allocator.Pending;
import io.atrium.jobs.Job.Instance;
import io.atrium.jobs.JobView.QuotaHeadroom;
import io.atrium.jobs.JobView.WaitReason;
import io.atrium.jobs.JobView.Waiting;
import io.atrium.resources.Resources;
import io.atrium.resources.Scalar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Says why a job's instances wait to launch: a retry's backoff, or the master's own reasoning
 * about its ask ({@link Pending}). Plain Java, on the master's thread.
 */
final class Waits {

    /** The master's answer to "why would a task asking this not run now?" ({@code Master::pending}). */
    @FunctionalInterface
    interface Placement {
        Pending.Why why(String role, Resources ask, Predicate<Pending.Agent> allowed);
    }

    private Waits() {}

    /** Why {@code job}'s pending instances wait; null when none does. */
    static Waiting of(Job job, Instant now, Placement placement) {
        List<Instance> waiting =
                job.instances.stream().filter(i -> i.phase == Job.Phase.PENDING).toList();
        if (waiting.isEmpty()) {
            return null;
        }
        if (waiting.stream().noneMatch(i -> i.ready(now))) {
            Instant retryAt = waiting.stream()
                    .map(i -> i.notBefore)
                    .min(Instant::compareTo)
                    .orElseThrow();
            return new Waiting(
                    waiting.size(),
                    WaitReason.BACKOFF,
                    "Retrying after a failure: the next attempt may launch at " + retryAt,
                    null,
                    null,
                    retryAt);
        }
        Set<String> used = job.usedHosts();
        Pending.Why why =
                placement.why(job.tenant, job.resources, agent -> job.fits(agent.hostname(), agent.attributes(), used));
        int n = waiting.size();
        return switch (why) {
            case Pending.NoMatch(int agents) ->
                new Waiting(
                        n,
                        WaitReason.CONSTRAINTS,
                        "None of the " + agents + " agents taking tasks satisfies the job's constraints "
                                + job.spec.constraints(),
                        null,
                        agents,
                        null);
            case Pending.AtTaskLimit(String role, int most) ->
                new Waiting(
                        n,
                        WaitReason.QUOTA,
                        "Role " + role + " runs the most tasks its quota allows at once (" + most
                                + "); instances launch as its tasks end",
                        null,
                        null,
                        null);
            case Pending.OverQuota(List<Pending.Headroom> over) ->
                new Waiting(
                        n,
                        WaitReason.QUOTA,
                        over.stream().map(Waits::words).collect(Collectors.joining("; ")),
                        over.stream().map(Waits::headroom).toList(),
                        null,
                        null);
            case Pending.NoRoom(int matching) ->
                new Waiting(
                        n,
                        WaitReason.CAPACITY,
                        matching == 0
                                ? "No agent is taking tasks now"
                                : "None of the " + matching + " agents the job may use has room for " + job.resources
                                        + " now; it launches when tasks end or agents join",
                        null,
                        matching,
                        null);
            case Pending.Placeable() ->
                new Waiting(
                        n, WaitReason.NEXT_OFFER, "An agent has room: the next offer launches it", null, null, null);
        };
    }

    private static String words(Pending.Headroom h) {
        return h.role() + "'s quota limit of " + h.limit() + " " + h.resource() + " leaves " + h.headroom() + " ("
                + h.held() + " held); each instance asks " + h.asked();
    }

    private static QuotaHeadroom headroom(Pending.Headroom h) {
        return new QuotaHeadroom(
                h.role(), h.resource(), amount(h.limit()), amount(h.held()), amount(h.asked()), amount(h.headroom()));
    }

    private static BigDecimal amount(Scalar scalar) {
        return new BigDecimal(scalar.text());
    }
}
