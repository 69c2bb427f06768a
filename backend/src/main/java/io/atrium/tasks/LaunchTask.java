package io.atrium.tasks;

import io.atrium.resources.Resources;
import java.util.Map;

/**
 * A task a framework asks to launch on an offer's resources (Mesos' LAUNCH operation); its
 * labels travel with its events (the jobs framework sets {@code job}).
 */
public record LaunchTask(
        String taskId,
        String name,
        String command,
        Resources resources,
        Map<String, String> environment,
        Map<String, String> labels,
        ContainerSpec container) {}
