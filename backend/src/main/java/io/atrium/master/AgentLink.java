package io.atrium.master;

import io.atrium.protocol.agent.AgentEvent;

/** The master's end of one agent connection. */
public interface AgentLink {

    void send(AgentEvent event);

    void close(String reason);
}
