package io.atrium.frameworks;

import io.atrium.offers.Offer;
import io.atrium.protocol.agent.TaskStatus;
import java.util.List;

/**
 * What the master tells a framework (Mesos' scheduler events OFFERS, RESCIND, UPDATE). The
 * built-in frameworks implement it in-process; the Mesos v1 scheduler API adapts it to HTTP.
 * Called on the master's thread: implementations must not block.
 */
public interface Scheduler {

    void offers(List<Offer> offers);

    void rescind(String offerId);

    /** A task's status changed. Delivered once per update the master recorded. */
    void update(TaskStatus status);
}
