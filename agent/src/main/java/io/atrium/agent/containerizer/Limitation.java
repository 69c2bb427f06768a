package io.atrium.agent.containerizer;

/**
 * A limit a container crossed, with the Mesos reason its task ends with
 * (e.g. {@code REASON_CONTAINER_LIMITATION_MEMORY}) and a message for its owner.
 */
public record Limitation(String reason, String message) {}
