package io.atrium.offers;

import io.atrium.agents.AgentId;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Resources;
import java.time.Instant;
import java.util.Map;

/**
 * Resources on one agent offered to one framework for one of its roles, until the framework
 * accepts or declines them, or the master rescinds them (agent lost or drained, or the offer
 * expired).
 */
public record Offer(
        String id,
        FrameworkId framework,
        String role,
        AgentId agent,
        String hostname,
        Map<String, String> attributes,
        Resources resources,
        Instant expiresAt) {}
