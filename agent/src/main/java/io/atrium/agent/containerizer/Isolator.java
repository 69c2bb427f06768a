package io.atrium.agent.containerizer;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * One isolation mechanism, in the shape of Mesos' isolator: {@code recover} after an agent
 * restart, {@code prepare} before a launch, {@code watch} while the task runs, {@code usage}
 * on request, {@code cleanup} once its processes are gone. Every step has a do-nothing default.
 */
public interface Isolator {

    /** Tears down what a previous agent left for containers that are not in {@code live}. */
    default void recover(Set<String> live) {}

    /** Sets the container up and says in {@code launch} what its process must do. */
    default void prepare(Container container, LaunchSpec launch) throws IOException {}

    /** A limit the running container crossed, if any. */
    default Optional<Limitation> watch(Container container) {
        return Optional.empty();
    }

    /** What this isolator measures of the container. */
    default Usage usage(Container container) {
        return Usage.NONE;
    }

    /** Releases what {@code prepare} set up; the container's processes are gone. */
    default void cleanup(Container container) {}
}
