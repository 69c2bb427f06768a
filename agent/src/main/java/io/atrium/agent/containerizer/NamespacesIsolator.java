package io.atrium.agent.containerizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * namespaces/pid, mount, ipc, uts and optionally net: the task starts as pid 1 of its own
 * pid namespace with {@code /proc} remounted (it sees and can signal only its own
 * processes), with a private {@code /tmp} in its sandbox, its own System V IPC and host
 * name, and — when it asks for network {@code none} — a network namespace of its own (loopback only, and down).
 * A sandbox under {@code /tmp} itself (a test's work dir) keeps the host's {@code /tmp}.
 */
public final class NamespacesIsolator implements Isolator {

    private static final Path HOST_TMP = Path.of("/tmp");

    @Override
    public void prepare(Container container, LaunchSpec launch) throws IOException {
        launch.unshare("--pid");
        launch.unshare("--fork");
        launch.unshare("--mount-proc");
        launch.unshare("--mount");
        launch.unshare("--ipc");
        launch.unshare("--uts");
        if (container.isolatedNetwork()) {
            launch.unshare("--net");
        }
        // A sandbox under /tmp would vanish behind the private one: such a task keeps the host's.
        if (!container.sandbox().toAbsolutePath().startsWith(HOST_TMP)) {
            Path tmp = container.sandbox().resolve(".tmp");
            Files.createDirectories(tmp);
            launch.privateTmp(tmp);
        }
    }
}
