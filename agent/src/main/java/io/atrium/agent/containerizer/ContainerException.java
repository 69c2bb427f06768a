package io.atrium.agent.containerizer;

/** A task cannot be launched as asked (its user is not allowed, a limit could not be set, ...). */
public final class ContainerException extends Exception {
    public ContainerException(String message) {
        super(message);
    }
}
