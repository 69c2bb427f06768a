package io.atrium.allocator;

import io.atrium.agents.AgentId;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Resources;

/** Resources on one agent handed to a framework for one of its roles: the content of an offer. */
public record Allocation(FrameworkId framework, String role, AgentId agent, Resources resources) {}
