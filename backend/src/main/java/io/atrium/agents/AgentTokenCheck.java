package io.atrium.agents;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.logging.Logger;

/**
 * Lets only agents onto the agent endpoint: the upgrade request must carry the agent token as
 * a bearer token. A user's token (or nothing) gets 401 before any WebSocket exists.
 */
@ApplicationScoped
public class AgentTokenCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(AgentTokenCheck.class);

    @Inject
    AgentCredentials credentials;

    @Override
    public boolean appliesTo(String endpointId) {
        return AgentEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String header = context.httpRequest().getHeader("Authorization");
        String expected = credentials.token().orElse(null);
        if (expected == null) {
            LOG.warn("an agent tried to connect but atrium.agent.token is not set: refusing every agent");
            return CheckResult.rejectUpgrade(401);
        }
        if (header == null || !header.startsWith("Bearer ") || !matches(header.substring(7), expected)) {
            LOG.warnf(
                    "refused an agent connection from %s: missing or wrong agent token",
                    context.httpRequest().remoteAddress());
            return CheckResult.rejectUpgrade(401);
        }
        return CheckResult.permitUpgrade();
    }

    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
