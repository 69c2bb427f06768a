package io.atrium.api;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/**
 * Optimistic concurrency over HTTP: an entity's version is its ETag, and a change names the
 * version it was made from in {@code If-Match}, so that two people cannot overwrite each other.
 */
public final class Versions {

    private Versions() {}

    /**
     * The version an If-Match names ({@code "3"}; quotes and a weak {@code W/} prefix accepted).
     * 428 without one, 412 when it names no version; {@code what} is the thing being changed.
     */
    public static long ifMatch(String header, String what) {
        if (header == null || header.isBlank()) {
            throw ErrorCode.PRECONDITION_REQUIRED.exception(
                    "Send If-Match with the ETag you read (GET " + what + "), so that no one else's change is lost");
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ErrorCode.PRECONDITION_FAILED.exception(
                "If-Match " + header + " is no version of " + what + ": read it again (GET, ETag)");
    }

    /** A 412 for a change made from {@code from} while the stored version is {@code current} (-1: unknown). */
    public static AtriumException changed(String what, long current, long from) {
        return ErrorCode.PRECONDITION_FAILED.exception(what + " changed since version " + from
                + (current >= 0 ? " (now " + current + ")" : "")
                + ": read it again (GET, ETag) and make your change from there");
    }

    /** {@code response} with {@code version} as its ETag. */
    public static Response.ResponseBuilder tagged(Response.ResponseBuilder response, long version) {
        return response.tag(new EntityTag(Long.toString(version)));
    }
}
