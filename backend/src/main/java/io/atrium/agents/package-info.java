/**
 * Agents as the master sees them: the agent protocol endpoint ({@code /api/v1/agent}), its
 * token check, the admin API (list, drain, undrain), and the agent's states. The decisions
 * about agents (registration, reconciliation, unreachable, gone, drain) live in
 * {@link io.atrium.master.Master}.
 */
package io.atrium.agents;
