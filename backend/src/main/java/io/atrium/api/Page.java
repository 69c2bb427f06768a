package io.atrium.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: its items and the cursor of the next page ({@code null} on the last).
 * Cursors are opaque to clients: the position after the page's last item, encoded.
 */
@Schema(description = "One page of a list; pass `next` as `cursor` for the following page")
public record Page<T>(
        List<T> items,

        @Schema(description = "The cursor of the next page; absent on the last page", nullable = true)
        String next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** What a list answers to a limit out of range (for the OpenAPI description). */
    public static final String BAD_LIMIT_EXAMPLE = """
            {"type": "https://atrium.io/problems/validation-failed", "title": "The request is not valid",
             "status": 400, "detail": "Fix the fields listed in errors", "instance": "/api/tenants/acme/jobs",
             "errors": [{"field": "limit", "reason": "must be a whole number from 1 to 500, got '1000'"}]}""";

    /**
     * The page of {@code fetched}, which holds up to {@code limit + 1} items in order: the extra
     * item only tells that there is a next page, which starts after the last item shown.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> position) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, encode(position.apply(items.getLast())));
    }

    /**
     * The page size asked for ({@code limit}, as given in the query): a whole number from 1 to
     * {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when not given; else a 400 naming {@code limit}.
     */
    public static int limit(String asked) {
        if (asked == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(asked.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ErrorCode.VALIDATION_FAILED.invalid(
                "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + asked + "'");
    }

    /** The position a cursor stands for, or {@code null} for the first page. */
    public static String position(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String position;
        try {
            position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.VALIDATION_FAILED.invalid("cursor", "is not a cursor this list gave out");
        }
        if (position.isEmpty() || position.chars().anyMatch(c -> Character.isISOControl(c) || c == '\uFFFD')) {
            throw ErrorCode.VALIDATION_FAILED.invalid("cursor", "is not a cursor this list gave out");
        }
        return position;
    }

    /** A numeric position (an id), or {@code null} for the first page. */
    public static Long numericPosition(String cursor) {
        String position = position(cursor);
        if (position == null) {
            return null;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw ErrorCode.VALIDATION_FAILED.invalid("cursor", "is not a cursor this list gave out");
        }
    }

    /** The cursor of a position. */
    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }
}
