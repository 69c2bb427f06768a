package io.atrium.events;

import io.atrium.protocol.events.AgentDisconnected;
import io.atrium.protocol.events.AgentDrained;
import io.atrium.protocol.events.AgentGone;
import io.atrium.protocol.events.AgentReRegistered;
import io.atrium.protocol.events.AgentRegistered;
import io.atrium.protocol.events.AgentUndrained;
import io.atrium.protocol.events.AgentUnreachable;
import io.atrium.protocol.events.FrameworkFailedOver;
import io.atrium.protocol.events.FrameworkRemoved;
import io.atrium.protocol.events.FrameworkSubscribed;
import io.atrium.protocol.events.JobKilled;
import io.atrium.protocol.events.JobSubmitted;
import io.atrium.protocol.events.MemberChanged;
import io.atrium.protocol.events.OfferAccepted;
import io.atrium.protocol.events.OfferCreated;
import io.atrium.protocol.events.OfferDeclined;
import io.atrium.protocol.events.OfferExpired;
import io.atrium.protocol.events.OfferRescinded;
import io.atrium.protocol.events.QuotaChanged;
import io.atrium.protocol.events.TaskStateChanged;
import io.atrium.protocol.events.TenantCreated;
import io.atrium.protocol.events.TenantDeleted;
import io.atrium.protocol.events.TenantUpdated;
import io.atrium.protocol.events.TokenCreated;
import io.atrium.protocol.events.TokenRevoked;
import io.atrium.protocol.events.WeightChanged;

/**
 * Every event Atrium emits: its CloudEvents type ({@code io.atrium.task.state-changed.v1}),
 * the topic it travels on and the generated class of its data. The data's JSON Schema is
 * {@code schemas/events/<entity>-<verb>.schema.json} in event-schemas.
 */
public enum EventType {
    AGENT_REGISTERED("agent", "registered", Topic.AGENTS, AgentRegistered.class),
    AGENT_RE_REGISTERED("agent", "re-registered", Topic.AGENTS, AgentReRegistered.class),
    AGENT_DISCONNECTED("agent", "disconnected", Topic.AGENTS, AgentDisconnected.class),
    AGENT_UNREACHABLE("agent", "unreachable", Topic.AGENTS, AgentUnreachable.class),
    AGENT_GONE("agent", "gone", Topic.AGENTS, AgentGone.class),
    AGENT_DRAINED("agent", "drained", Topic.AGENTS, AgentDrained.class),
    AGENT_UNDRAINED("agent", "undrained", Topic.AGENTS, AgentUndrained.class),
    OFFER_CREATED("offer", "created", Topic.OFFERS, OfferCreated.class),
    OFFER_ACCEPTED("offer", "accepted", Topic.OFFERS, OfferAccepted.class),
    OFFER_DECLINED("offer", "declined", Topic.OFFERS, OfferDeclined.class),
    OFFER_RESCINDED("offer", "rescinded", Topic.OFFERS, OfferRescinded.class),
    OFFER_EXPIRED("offer", "expired", Topic.OFFERS, OfferExpired.class),
    TASK_STATE_CHANGED("task", "state-changed", Topic.TASKS, TaskStateChanged.class),
    FRAMEWORK_SUBSCRIBED("framework", "subscribed", Topic.FRAMEWORKS, FrameworkSubscribed.class),
    FRAMEWORK_FAILED_OVER("framework", "failed-over", Topic.FRAMEWORKS, FrameworkFailedOver.class),
    FRAMEWORK_REMOVED("framework", "removed", Topic.FRAMEWORKS, FrameworkRemoved.class),
    JOB_SUBMITTED("job", "submitted", Topic.TENANCY, JobSubmitted.class),
    JOB_KILLED("job", "killed", Topic.TENANCY, JobKilled.class),
    QUOTA_CHANGED("quota", "changed", Topic.TENANCY, QuotaChanged.class),
    WEIGHT_CHANGED("weight", "changed", Topic.TENANCY, WeightChanged.class),
    TENANT_CREATED("tenant", "created", Topic.TENANCY, TenantCreated.class),
    TENANT_UPDATED("tenant", "updated", Topic.TENANCY, TenantUpdated.class),
    TENANT_DELETED("tenant", "deleted", Topic.TENANCY, TenantDeleted.class),
    MEMBER_CHANGED("member", "changed", Topic.TENANCY, MemberChanged.class),
    TOKEN_CREATED("token", "created", Topic.TENANCY, TokenCreated.class),
    TOKEN_REVOKED("token", "revoked", Topic.TENANCY, TokenRevoked.class);

    private final String entity;
    private final String verb;
    private final Topic topic;
    private final Class<?> dataClass;

    EventType(String entity, String verb, Topic topic, Class<?> dataClass) {
        this.entity = entity;
        this.verb = verb;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type}, e.g. {@code io.atrium.task.state-changed.v1}. */
    public String ceType() {
        return "io.atrium." + shortName() + ".v1";
    }

    /** The name streams use for it (SSE {@code event:} and type filters), e.g. {@code task.state-changed}. */
    public String shortName() {
        return entity + "." + verb;
    }

    /** The classpath location of its data's JSON Schema. */
    public String schemaPath() {
        return "schemas/events/" + entity + "-" + verb + ".schema.json";
    }

    public Topic topic() {
        return topic;
    }

    public Class<?> dataClass() {
        return dataClass;
    }

    /** The short name of a CloudEvents type of ours, or the type itself when it is not one. */
    public static String shortName(String ceType) {
        if (ceType.startsWith("io.atrium.") && ceType.lastIndexOf(".v") > "io.atrium.".length()) {
            return ceType.substring("io.atrium.".length(), ceType.lastIndexOf(".v"));
        }
        return ceType;
    }
}
