package io.atrium.api;

import java.util.List;

/** A failure with a user-facing {@link ErrorCode}; becomes a problem+json response. */
public class AtriumException extends RuntimeException {

    private final ErrorCode code;
    private final List<Problem.FieldError> errors;

    public AtriumException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public AtriumException(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
