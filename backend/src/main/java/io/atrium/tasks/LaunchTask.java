package io.atrium.tasks;

import io.atrium.resources.Resources;
import java.util.Map;

/** A task a framework asks to launch on an offer's resources (Mesos' LAUNCH operation). */
public record LaunchTask(
        String taskId,
        String name,
        String command,
        Resources resources,
        Map<String, String> environment,
        ContainerSpec container) {}
