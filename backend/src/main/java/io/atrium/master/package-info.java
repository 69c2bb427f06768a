/**
 * The master: one actor that owns agents, offers, tasks and in-process frameworks, with the
 * allocator inside it, and the edges that run it in Quarkus.
 *
 * <pre>
 *   agent ──REGISTER / HEARTBEAT / UPDATE──▶ Master ──offers──▶ Scheduler (jobs framework, ...)
 *     ▲                                       │   ▲                  │
 *     └──REGISTERED / RUN_TASK / KILL_TASK ───┘   └──accept/decline──┘
 *        ACKNOWLEDGED (after the update is in PostgreSQL)
 * </pre>
 *
 * Vocabulary: an <b>agent link</b> is one WebSocket connection; an agent is <b>active</b>,
 * <b>disconnected</b>, <b>unreachable</b> or <b>gone</b> (see {@link io.atrium.agents.AgentState});
 * a <b>launch</b> is one accept of offers with tasks; a <b>master update</b> is a task state
 * change the master decides itself (unreachable, gone, lost, dropped).
 *
 * <p>{@link io.atrium.master.Master} and {@link io.atrium.master.Launch} are plain Java
 * (clock, executor and store injected); {@link io.atrium.master.MasterService} and
 * {@link io.atrium.master.PgMasterStore} are the Quarkus edges.
 */
package io.atrium.master;
