package io.atrium.master;

import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.frameworks.FrameworkId;
import io.atrium.master.MasterStore.TaskUpdateRecord;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.events.Actor;
import io.atrium.protocol.events.AgentDisconnected;
import io.atrium.protocol.events.AgentDrained;
import io.atrium.protocol.events.AgentGone;
import io.atrium.protocol.events.AgentReRegistered;
import io.atrium.protocol.events.AgentRegistered;
import io.atrium.protocol.events.AgentSummary;
import io.atrium.protocol.events.AgentUndrained;
import io.atrium.protocol.events.AgentUnreachable;
import io.atrium.protocol.events.FrameworkFailedOver;
import io.atrium.protocol.events.FrameworkRemoved;
import io.atrium.protocol.events.FrameworkSubscribed;
import io.atrium.protocol.events.FrameworkSummary;
import io.atrium.protocol.events.OfferAccepted;
import io.atrium.protocol.events.OfferCreated;
import io.atrium.protocol.events.OfferDeclined;
import io.atrium.protocol.events.OfferExpired;
import io.atrium.protocol.events.OfferRescinded;
import io.atrium.protocol.events.OfferSummary;
import io.atrium.protocol.events.TaskStateChanged;
import io.atrium.resources.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The events the master emits, built from its own records: what each event says about an
 * agent, an offer, a task or a framework, and which tenant it belongs to (the top-level role;
 * cluster-wide events belong to {@link Event#PLATFORM}).
 */
final class MasterEvents {

    private MasterEvents() {}

    /** The tenant a role belongs to: its top-level segment; unreserved resources are the platform's. */
    static String tenantOf(String role) {
        if (role == null || role.equals(Roles.UNRESERVED)) {
            return Event.PLATFORM;
        }
        return Roles.tenantOf(role);
    }

    // ---- agents ----

    static Event agent(EventType type, AgentEntry agent, Instant time) {
        return agent(type, agent, time, null);
    }

    /** An agent event; {@code actor}, when not null, is who asked (a drain or undrain). */
    static Event agent(EventType type, AgentEntry agent, Instant time, Actor actor) {
        AgentSummary summary = summary(agent);
        Object data =
                switch (type) {
                    case AGENT_REGISTERED -> new AgentRegistered().withAgent(summary);
                    case AGENT_RE_REGISTERED -> new AgentReRegistered().withAgent(summary);
                    case AGENT_DISCONNECTED -> new AgentDisconnected().withAgent(summary);
                    case AGENT_UNREACHABLE -> new AgentUnreachable().withAgent(summary);
                    case AGENT_GONE -> new AgentGone().withAgent(summary);
                    case AGENT_DRAINED ->
                        new AgentDrained()
                                .withAgent(summary)
                                .withDeadline(agent.drainDeadline)
                                .withActor(actor);
                    case AGENT_UNDRAINED ->
                        new AgentUndrained().withAgent(summary).withActor(actor);
                    default -> throw new IllegalArgumentException(type + " is not an agent event");
                };
        return Event.of(type, agent.id.value(), Event.PLATFORM, time, data);
    }

    private static AgentSummary summary(AgentEntry agent) {
        return new AgentSummary()
                .withAgentId(agent.id.value())
                .withHostname(agent.hostname)
                .withResources(agent.total.toString())
                .withAttributes(agent.attributes)
                .withState(AgentSummary.State.fromValue(agent.state.name()))
                .withDraining(agent.draining);
    }

    // ---- offers ----

    static Event offerCreated(Offer offer, Instant time) {
        return offer(
                EventType.OFFER_CREATED,
                offer,
                time,
                new OfferCreated().withOffer(summary(offer)).withExpiresAt(offer.expiresAt()));
    }

    static Event offerAccepted(Offer offer, List<String> taskIds, Instant time) {
        return offer(
                EventType.OFFER_ACCEPTED,
                offer,
                time,
                new OfferAccepted().withOffer(summary(offer)).withTaskIds(taskIds));
    }

    static Event offerDeclined(Offer offer, Duration refuse, Instant time) {
        return offer(
                EventType.OFFER_DECLINED,
                offer,
                time,
                new OfferDeclined().withOffer(summary(offer)).withRefuseSeconds(refuse.toMillis() / 1000.0));
    }

    static Event offerRescinded(Offer offer, OfferRescinded.Reason reason, Instant time) {
        return offer(
                EventType.OFFER_RESCINDED,
                offer,
                time,
                new OfferRescinded().withOffer(summary(offer)).withReason(reason));
    }

    static Event offerExpired(Offer offer, Instant time) {
        return offer(EventType.OFFER_EXPIRED, offer, time, new OfferExpired().withOffer(summary(offer)));
    }

    private static Event offer(EventType type, Offer offer, Instant time, Object data) {
        return Event.of(type, offer.id(), tenantOf(offer.role()), time, data);
    }

    private static OfferSummary summary(Offer offer) {
        return new OfferSummary()
                .withOfferId(offer.id())
                .withFrameworkId(offer.framework().value())
                .withRole(offer.role())
                .withAgentId(offer.agent().value())
                .withResources(offer.resources().toString());
    }

    // ---- tasks ----

    /** A task reached {@code record}'s state from {@code previous}. */
    static Event taskChanged(TaskEntry task, TaskState previous, TaskUpdateRecord record, Boolean healthy) {
        return taskEvent(
                task,
                record.time(),
                about(task)
                        .withState(record.state())
                        .withPreviousState(previous)
                        .withReason(record.reason())
                        .withMessage(record.message())
                        .withSource(TaskStateChanged.Source.fromValue(record.source()))
                        .withExitCode(record.exitCode())
                        .withHealthy(healthy));
    }

    /** A task was launched: written as TASK_STAGING. */
    static Event taskLaunched(TaskEntry task, Instant time) {
        return taskEvent(
                task, time, about(task).withState(TaskState.TASK_STAGING).withSource(TaskStateChanged.Source.MASTER));
    }

    /** What every event of a task says about it, whatever state it reached. */
    private static TaskStateChanged about(TaskEntry task) {
        return new TaskStateChanged()
                .withTaskId(task.id)
                .withName(task.name)
                .withFrameworkId(task.framework.value())
                .withRole(task.role)
                .withLabels(task.labels)
                .withAgentId(task.agent.value())
                .withResources(task.resources.toString());
    }

    private static Event taskEvent(TaskEntry task, Instant time, TaskStateChanged data) {
        return Event.of(EventType.TASK_STATE_CHANGED, task.id, tenantOf(task.role), time, data);
    }

    // ---- frameworks ----

    static Event framework(EventType type, FrameworkId id, Set<String> roles, Instant time) {
        FrameworkSummary summary = new FrameworkSummary()
                .withFrameworkId(id.value())
                .withName(id.value())
                .withRoles(List.copyOf(new TreeSet<>(roles)));
        Object data =
                switch (type) {
                    case FRAMEWORK_SUBSCRIBED -> new FrameworkSubscribed().withFramework(summary);
                    case FRAMEWORK_FAILED_OVER -> new FrameworkFailedOver().withFramework(summary);
                    case FRAMEWORK_REMOVED -> new FrameworkRemoved().withFramework(summary);
                    default -> throw new IllegalArgumentException(type + " is not a framework event");
                };
        return Event.of(type, id.value(), tenantOf(roles), time, data);
    }

    /** The one tenant all {@code roles} belong to, or the platform when they span several. */
    private static String tenantOf(java.util.Collection<String> roles) {
        Set<String> tenants = new TreeSet<>();
        roles.forEach(role -> tenants.add(tenantOf(role)));
        return tenants.size() == 1 ? tenants.iterator().next() : Event.PLATFORM;
    }
}
