/**
 * Tasks: Mesos' task states and reasons, and which state may follow which.
 *
 * <pre>
 *   STAGING ─▶ STARTING ─▶ RUNNING ─▶ KILLING ─▶ KILLED
 *      │                      │
 *      ├─▶ ERROR | DROPPED    └─▶ FINISHED | FAILED | LOST | GONE
 *      └─ any non-terminal ─▶ UNREACHABLE ─▶ back to what the agent reports | GONE
 * </pre>
 *
 * A <b>status update</b> carries a state, an optional reason and message, and a uuid that makes
 * it idempotent. {@link io.atrium.tasks.TaskStateMachine} is the only judge of transitions.
 */
package io.atrium.tasks;
