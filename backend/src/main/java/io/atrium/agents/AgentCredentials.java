package io.atrium.agents;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** How agents prove who they are ({@code atrium.agent.*}). */
@ConfigMapping(prefix = "atrium.agent")
public interface AgentCredentials {

    /**
     * The agent credential: agents present it as a bearer token on the agent endpoint. Without
     * it no agent can register. Never logged.
     */
    Optional<String> token();
}
