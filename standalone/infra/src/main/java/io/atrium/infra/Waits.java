package io.atrium.infra;

import java.time.Duration;

/** The pause between two polls of a server that is still starting. */
final class Waits {

    private Waits() {}

    static void pause(Duration interval) throws InterruptedException {
        // Polling a child process for readiness: there is no event to wait on.
        Thread.sleep(interval);
    }
}
