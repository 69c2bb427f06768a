package io.atrium.agent.containerizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and the v2 file protocol, on a directory laid out as cgroupfs would be (the host
 * here runs v1, which {@code LinuxIsolationTest} uses for real; production hosts run v2).
 */
class CgroupsTest {

    @TempDir
    Path dir;

    private Path mounts(String... lines) throws Exception {
        return Files.writeString(dir.resolve("mounts"), String.join("\n", lines) + "\n");
    }

    @Test
    void aHybridHostWithControllersOnV1UsesV1() throws Exception {
        Path mounts = mounts(
                "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,relatime,cpu,cpuacct 0 0",
                "cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0",
                "cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0",
                "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0");

        Cgroups cgroups = Cgroups.detect(mounts, "atrium/a1").orElseThrow();

        assertThat(cgroups)
                .isEqualTo(new CgroupsV1(
                        Path.of("/sys/fs/cgroup/memory/atrium/a1"),
                        Path.of("/sys/fs/cgroup/cpu,cpuacct/atrium/a1"),
                        Path.of("/sys/fs/cgroup/cpu,cpuacct/atrium/a1"),
                        Path.of("/sys/fs/cgroup/pids/atrium/a1")));
        assertThat(cgroups.joinFiles("c1"))
                .containsExactly(
                        Path.of("/sys/fs/cgroup/memory/atrium/a1/c1/cgroup.procs"),
                        Path.of("/sys/fs/cgroup/cpu,cpuacct/atrium/a1/c1/cgroup.procs"),
                        Path.of("/sys/fs/cgroup/pids/atrium/a1/c1/cgroup.procs"));
    }

    @Test
    void aPureV2HostUsesTheUnifiedHierarchyAndWritesV2Files() throws Exception {
        Path root = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Cgroups cgroups = Cgroups.detect(mounts("cgroup2 " + root + " cgroup2 rw,nosuid 0 0"), "atrium/a1")
                .orElseThrow();
        assertThat(cgroups.version()).isEqualTo("v2");

        cgroups.create("c1");
        Path container = root.resolve("atrium/a1/c1");
        Files.writeString(container.resolve("memory.swap.max"), "max");
        Files.writeString(container.resolve("memory.oom.group"), "0");
        cgroups.limitMemory("c1", 64L << 20);
        cgroups.limitCpu("c1", 1, true);
        cgroups.limitPids("c1", 100);

        assertThat(Files.readString(container.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(Files.readString(container.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(Files.readString(container.resolve("memory.oom.group"))).isEqualTo("1");
        // shares 1024 map to weight 39, as the kernel converts them
        assertThat(Files.readString(container.resolve("cpu.weight"))).isEqualTo("39");
        assertThat(Files.readString(container.resolve("cpu.max"))).isEqualTo("100000 100000");
        assertThat(Files.readString(container.resolve("pids.max"))).isEqualTo("100");
        assertThat(cgroups.joinFiles("c1")).containsExactly(container.resolve("cgroup.procs"));
        assertThat(cgroups.containers()).containsExactly("c1");

        Files.writeString(container.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        Files.writeString(container.resolve("memory.current"), "1048576\n");
        Files.writeString(container.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1000000\n");
        assertThat(cgroups.memory("c1")).isEqualTo(new Cgroups.MemoryStats(1_048_576, 0, 1));
        assertThat(cgroups.cpuSeconds("c1")).isEqualTo(1.5);
    }

    @Test
    void aHostWithoutTheControllersHasNoCgroups() throws Exception {
        Path root = Files.createDirectories(dir.resolve("unified"));
        Files.writeString(root.resolve("cgroup.controllers"), "");

        assertThat(Cgroups.detect(mounts("cgroup2 " + root + " cgroup2 rw 0 0"), "atrium/a1"))
                .isEmpty();
    }
}
