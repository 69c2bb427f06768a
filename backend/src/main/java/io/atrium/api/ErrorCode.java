package io.atrium.api;

import java.net.URI;

/**
 * Every error Atrium reports to a user: its stable problem type, HTTP status and title. One
 * place, so the same failure always reads the same way (RFC 9457).
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "validation-failed", "The request is not valid"),
    MALFORMED_REQUEST(400, "malformed-request", "The request body could not be read"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Response format not available"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    CONFLICT(409, "conflict", "It conflicts with the current state"),
    TENANT_SUSPENDED(409, "tenant-suspended", "The tenant is suspended"),
    CURSOR_EXPIRED(410, "cursor-expired", "The stream cannot resume from that event"),
    PRECONDITION_FAILED(412, "precondition-failed", "It changed since you read it"),
    UNSATISFIABLE(422, "unsatisfiable", "It can never run as asked"),
    PRECONDITION_REQUIRED(428, "precondition-required", "Say which version you are changing"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    CLIENT_TOO_SLOW(429, "client-too-slow", "The client fell too far behind the stream"),
    INTERNAL(500, "internal", "Something went wrong on our side"),
    UNAVAILABLE(503, "unavailable", "Temporarily unavailable");

    private static final String BASE = "https://atrium.io/problems/";

    private final int status;
    private final URI type;
    private final String title;

    ErrorCode(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(BASE + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The code for an HTTP status Atrium did not raise itself (e.g. from the REST layer). */
    public static java.util.Optional<ErrorCode> forStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.status == status) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }

    /** A {@link #VALIDATION_FAILED}-style exception naming one field of the request and why. */
    public AtriumException invalid(String field, String reason) {
        return new AtriumException(
                this, "Fix the fields listed in errors", java.util.List.of(new Problem.FieldError(field, reason)));
    }

    /** An exception carrying this code, to throw from services. */
    public AtriumException exception(String detail) {
        return new AtriumException(this, detail);
    }
}
