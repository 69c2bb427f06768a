package io.atrium.agents;

import java.util.Objects;

/** The id the master gives an agent when it first registers; kept across re-registrations. */
public record AgentId(String value) implements Comparable<AgentId> {

    public AgentId {
        Objects.requireNonNull(value, "agent id");
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
