package io.atrium.agent.containerizer;

/**
 * A container's resource usage; each isolator measures its part and the parts add up
 * (figures nobody measures stay 0).
 */
public record Usage(double cpuSeconds, long memoryBytes, long memoryPeakBytes, long diskBytes) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plus(Usage other) {
        return new Usage(
                cpuSeconds + other.cpuSeconds,
                memoryBytes + other.memoryBytes,
                memoryPeakBytes + other.memoryPeakBytes,
                diskBytes + other.diskBytes);
    }
}
