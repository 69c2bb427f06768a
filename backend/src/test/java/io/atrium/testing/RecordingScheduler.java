package io.atrium.testing;

import io.atrium.frameworks.Scheduler;
import io.atrium.frameworks.SchedulerDriver;
import io.atrium.offers.Offer;
import io.atrium.protocol.agent.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process framework that records what the master tells it; the test decides what to do
 * with offers on its agent. Offers on other agents (other tests share the master) are declined
 * at once for an hour.
 */
public final class RecordingScheduler implements Scheduler {

    private volatile String hostname;
    private volatile SchedulerDriver driver;

    public final List<Offer> offers = new CopyOnWriteArrayList<>();
    public final List<String> rescinded = new CopyOnWriteArrayList<>();
    public final List<TaskStatus> updates = new CopyOnWriteArrayList<>();

    /** Keeps only offers on {@code hostname}. */
    public void onlyOn(String hostname) {
        this.hostname = hostname;
    }

    public void attach(SchedulerDriver driver) {
        this.driver = driver;
    }

    @Override
    public void offers(List<Offer> offers) {
        for (Offer offer : offers) {
            if (hostname == null || offer.hostname().equals(hostname)) {
                this.offers.add(offer);
            } else {
                driver.decline(List.of(offer.id()), Duration.ofHours(1));
            }
        }
    }

    @Override
    public void rescind(String offerId) {
        rescinded.add(offerId);
    }

    @Override
    public void update(TaskStatus status) {
        updates.add(status);
    }

    /** The latest update for {@code taskId}, or null. */
    public TaskStatus last(String taskId) {
        return updates.stream()
                .filter(u -> u.getTaskId().equals(taskId))
                .reduce((a, b) -> b)
                .orElse(null);
    }

    /** The first outstanding offer on the agent named {@code hostname}, or null. */
    public Offer offerOn(String hostname) {
        return offers.stream()
                .filter(o -> o.hostname().equals(hostname) && !rescinded.contains(o.id()))
                .findFirst()
                .orElse(null);
    }
}
