package io.atrium.agent.containerizer;

import java.nio.file.Path;

/**
 * One run of a task as the isolators see it: its id (also its cgroup's name), what it holds,
 * its sandbox, and whether it asked for an isolated network.
 */
public record Container(String id, TaskResources resources, Path sandbox, boolean isolatedNetwork) {}
