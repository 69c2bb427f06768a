package io.atrium.agent.containerizer;

/** How a cpus amount becomes cgroup cpu settings, the way Mesos maps them. */
final class CpuMath {

    /** CFS period for hard caps: 100 ms, the kernel's default. */
    static final long PERIOD_MICROS = 100_000;

    /** Mesos' floor for a CFS quota: 1 ms per period. */
    private static final long MIN_QUOTA_MICROS = 1_000;

    private CpuMath() {}

    /** v1 {@code cpu.shares}: 1024 per cpu, at least the kernel's minimum of 2. */
    static long shares(double cpus) {
        return Math.max(2, Math.round(cpus * 1024));
    }

    /** v2 {@code cpu.weight} for the same share, by the kernel's own shares-to-weight formula. */
    static long weight(double cpus) {
        long shares = Math.min(shares(cpus), 262_144);
        return 1 + ((shares - 2) * 9_999) / 262_142;
    }

    static long quotaMicros(double cpus) {
        return Math.max(MIN_QUOTA_MICROS, Math.round(cpus * PERIOD_MICROS));
    }
}
