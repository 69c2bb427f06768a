package io.atrium.master;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jboss.logging.Logger;

/**
 * The master's single thread. A plain scheduled executor would swallow a failing task's
 * exception inside its future; this one logs it, so a bug shows up in the log with its stack.
 */
final class MasterLoop extends ScheduledThreadPoolExecutor {

    private static final Logger LOG = Logger.getLogger(MasterLoop.class);

    MasterLoop() {
        super(1, r -> {
            Thread thread = new Thread(r, "atrium-master");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        super.afterExecute(task, failure);
        Throwable error = failure;
        if (error == null && task instanceof Future<?> future && future.isDone()) {
            try {
                future.get();
            } catch (CancellationException e) {
                return;
            } catch (ExecutionException e) {
                error = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (error != null) {
            LOG.error("a task on the master's thread failed", error);
        }
    }
}
