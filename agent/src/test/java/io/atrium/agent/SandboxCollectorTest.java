package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sandboxes go, on real directories whose times are set as if they had aged. */
class SandboxCollectorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path sandboxes;

    private Path run(String task, Duration age) throws Exception {
        Path run = Files.createDirectories(sandboxes.resolve("fw").resolve(task).resolve("run-1"));
        Path stdout = Files.writeString(run.resolve("stdout"), "output\n");
        FileTime time = FileTime.from(NOW.minus(age));
        Files.setLastModifiedTime(stdout, time);
        Files.setLastModifiedTime(run, time);
        return run;
    }

    private SandboxCollector collector(double diskUsed) {
        return new SandboxCollector(sandboxes, WEEK, 0.1, Clock.fixed(NOW, ZoneOffset.UTC), () -> diskUsed);
    }

    @Test
    void onAnEmptyDiskFinishedSandboxesStayAlmostAWeek() throws Exception {
        Path old = run("old", Duration.ofDays(7));
        Path young = run("young", Duration.ofDays(5));

        assertThat(collector(0).collect(Set.of())).containsExactly(old);

        assertThat(old).doesNotExist();
        assertThat(sandboxes.resolve("fw/old"))
                .as("its empty task dir goes too")
                .doesNotExist();
        assertThat(young).exists();
    }

    @Test
    void collectingASandboxNeverFollowsALinkItHolds(@TempDir Path elsewhere) throws Exception {
        Path run = run("linked", Duration.ofDays(8));
        Path precious = Files.writeString(elsewhere.resolve("precious"), "keep\n");
        Path link = Files.createSymbolicLink(run.resolve("escape"), elsewhere);
        FileTime old = FileTime.from(NOW.minus(Duration.ofDays(8)));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(old, null, null);
        Files.setLastModifiedTime(run, old);

        assertThat(collector(0).collect(Set.of())).containsExactly(run);

        assertThat(run).doesNotExist();
        assertThat(Files.readString(precious)).isEqualTo("keep\n");
    }

    @Test
    void aFillingDiskShortensTheirLifeAndARunningTasksSandboxIsNeverTaken() throws Exception {
        Path finished = run("finished", Duration.ofHours(12));
        Path running = run("running", Duration.ofDays(30));

        // 85 % used, 10 % headroom: a week × 0.05 = 8.4 hours
        SandboxCollector collector = collector(0.85);

        assertThat(collector.maxAge()).isEqualTo(Duration.ofMinutes(504));
        assertThat(collector.collect(Set.of(running))).containsExactly(finished);
        assertThat(running).exists();
        try (Stream<Path> left = Files.list(sandboxes.resolve("fw"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("running");
        }
    }
}
