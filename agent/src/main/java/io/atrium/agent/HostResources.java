package io.atrium.agent;

import java.lang.management.ManagementFactory;

/**
 * What this host can offer. For now cpus and memory as the JVM sees them; the offer-cycle
 * issue adds disk, gpus, ports, reserved amounts and fake totals.
 *
 * @param cpus logical processors
 * @param memMiB physical memory in MiB
 */
public record HostResources(int cpus, long memMiB) {

    public static HostResources detect() {
        long memBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return new HostResources(Runtime.getRuntime().availableProcessors(), memBytes / (1024 * 1024));
    }
}
