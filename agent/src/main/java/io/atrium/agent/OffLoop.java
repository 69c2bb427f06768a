package io.atrium.agent;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs reads of tasks' files away from the agent's loop, each on a virtual thread, at most
 * {@code limit} at once. A task owns its sandbox and can put a named pipe where a file was
 * between the agent's check and its open; the open then blocks for good. On the loop that
 * would stop heartbeats and status updates for every task of the agent; here it costs one of
 * the slots. Beyond the limit, {@link #execute} refuses with {@link RejectedExecutionException}.
 */
final class OffLoop implements Executor {

    private static final Logger LOG = Logger.getLogger(OffLoop.class.getName());

    private final Semaphore slots;

    OffLoop(int limit) {
        this.slots = new Semaphore(limit);
    }

    @Override
    public void execute(Runnable read) {
        if (!slots.tryAcquire()) {
            throw new RejectedExecutionException("the agent is busy reading other files; try again");
        }
        Thread.ofVirtual().name("sandbox-read").start(() -> {
            try {
                read.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a sandbox read failed", e);
            } finally {
                slots.release();
            }
        });
    }
}
