package io.atrium.tasks;

/**
 * Why a task reached a state: the subset of Mesos' {@code TaskStatus.Reason} names Atrium
 * produces. Carried as text in status updates so agents and frameworks can add Mesos reasons
 * the master does not know yet.
 */
public enum TaskReason {
    /** The launch did not match the offer or the task description is invalid. */
    REASON_TASK_INVALID,
    /** The offers named in the accept are unknown, expired or rescinded. */
    REASON_INVALID_OFFERS,
    /** The agent of the task is not registered (or not reachable) any more. */
    REASON_AGENT_UNKNOWN,
    /** The agent lost its link to the master. */
    REASON_AGENT_DISCONNECTED,
    /** The agent was removed after being unreachable for too long. */
    REASON_AGENT_REMOVED,
    /** The agent re-registered without this task. */
    REASON_AGENT_RESTARTED,
    /** The agent is being drained. */
    REASON_AGENT_DRAINING,
    /** The agent could not start the task. */
    REASON_CONTAINER_LAUNCH_FAILED,
    /** The task's process ended while nobody watched it. */
    REASON_EXECUTOR_TERMINATED,
    /** The framework asked to kill the task before it started. */
    REASON_TASK_KILLED_DURING_LAUNCH,
    /** A state the master reports from what it knows, during reconciliation. */
    REASON_RECONCILIATION,
    /** Launching it would pass the most tasks at once of its role's quota (Atrium's own reason). */
    REASON_TASK_LIMIT
}
