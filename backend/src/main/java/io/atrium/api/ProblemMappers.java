package io.atrium.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into {@code application/problem+json}. Users never see a
 * stack trace: an unexpected failure is logged with an id that the response carries.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response atrium(AtriumException e, UriInfo uri) {
        return Problem.of(e.code(), e.getMessage(), path(uri))
                .withErrors(e.errors())
                .toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(Problem.of(
                                ErrorCode.UNAUTHENTICATED,
                                "Log in, or send a bearer token from the atrium realm in the Authorization header",
                                path(uri))
                        .toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(ErrorCode.FORBIDDEN, "Your roles do not allow this", path(uri))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(
                        fieldPath(violation.getPropertyPath().toString()), violation.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.of(ErrorCode.VALIDATION_FAILED, "Fix the fields listed in errors", path(uri))
                .withErrors(errors)
                .toResponse();
    }

    /** Jackson's own mapper for these (unknown field, wrong type) would answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping.getPath()) : null;
        Problem problem =
                Problem.of(ErrorCode.MALFORMED_REQUEST, "The body is not valid JSON for this request", path(uri));
        if (field != null && !field.isBlank()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(field, reason(e))));
        }
        return problem.toResponse();
    }

    /**
     * What PostgreSQL refused because of what the request asked, or because another change got
     * there first: a clear 4xx or 503, not an incident. Anything else is unexpected.
     */
    @ServerExceptionMapper
    public Response database(io.vertx.pgclient.PgException e, UriInfo uri) {
        ErrorCode code =
                switch (e.getSqlState() == null ? "" : e.getSqlState()) {
                    case "23503" -> ErrorCode.NOT_FOUND; // it refers to something deleted meanwhile
                    case "23505" -> ErrorCode.CONFLICT;
                    case "23514", "22001", "22021", "22P02", "22003" -> ErrorCode.VALIDATION_FAILED;
                    case "40P01", "40001" -> ErrorCode.UNAVAILABLE;
                    default -> null;
                };
        if (code == null) {
            return unexpected(e, uri);
        }
        String detail =
                switch (code) {
                    case NOT_FOUND -> "What this refers to is gone: it was deleted meanwhile";
                    case CONFLICT -> "It exists already";
                    case UNAVAILABLE -> "Another change got in the way: try again";
                    default -> "A value is outside what is allowed here";
                };
        return Problem.of(code, detail, path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return ErrorCode.forStatus(status)
                .map(code -> Problem.of(code, code.title(), path(uri)))
                .orElseGet(() -> new Problem(
                        java.net.URI.create("about:blank"),
                        e.getResponse().getStatusInfo().getReasonPhrase(),
                        status,
                        null,
                        path(uri),
                        List.of()))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof java.nio.channels.ClosedChannelException) {
            // The client went away (a closed page's event stream): nobody to answer, nothing wrong here.
            LOG.debugf("client of %s went away", path(uri));
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s, incident %s", path(uri), incident);
        return Problem.of(ErrorCode.INTERNAL, "Report incident " + incident + " to your platform admins", path(uri))
                .toResponse();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getPath();
    }

    /**
     * Why a field could not be read, in our words: Jackson's own messages name Java classes and
     * exceptions, which users should not see.
     */
    private static String reason(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return "cannot be read here";
    }

    private static String describe(Class<?> type) {
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date and time in ISO 8601, such as 2027-01-31T12:00:00Z";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** The JSON path of a field Jackson could not read: {@code resources.cpus}, {@code constraints[1]}. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                out.append('[').append(step.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** {@code create.arg0.resources.cpus} becomes {@code resources.cpus}: the field as the client sent it. */
    private static String fieldPath(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : propertyPath;
    }
}
