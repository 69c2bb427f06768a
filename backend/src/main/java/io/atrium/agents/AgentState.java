package io.atrium.agents;

/** Where an agent stands with the master. Draining is separate: a flag on an active agent. */
public enum AgentState {
    /** Registered, linked and heartbeating. */
    ACTIVE,
    /** Its link closed; no offers; becomes UNREACHABLE if it does not come back in time. */
    DISCONNECTED,
    /** Missed too many heartbeats; its tasks are TASK_UNREACHABLE; it may still come back. */
    UNREACHABLE,
    /** Unreachable for too long; its tasks are TASK_GONE; if it returns it gets a new id. */
    GONE
}
