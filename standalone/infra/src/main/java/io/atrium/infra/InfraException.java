package io.atrium.infra;

/**
 * A server could not be started or reached. The message is written for the person running
 * Atrium: one line that says what went wrong and what to do, never a stack trace.
 */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
