package io.atrium.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list, newest first: its items and, when more follow, the cursor that asks for
 * the next page ({@code ?cursor=…}). A null {@code next} means this was the last page.
 */
public record Page<T>(
        List<T> items,

        @Schema(
                description = "Opaque: pass it back as ?cursor= for the next page; null on the last page",
                examples = "am9iczE6MjAyNi0wMS0wMlQwMzowNDowNS42Nzg5MDFafGFiYw")
        String next) {

    /** What a list answers to a limit out of range (for the OpenAPI description). */
    public static final String BAD_LIMIT_EXAMPLE = """
            {"type": "https://atrium.io/problems/validation-failed", "title": "The request is not valid",
             "status": 400, "detail": "Fix the fields listed in errors", "instance": "/api/tenants/acme/jobs",
             "errors": [{"field": "limit", "reason": "must be a whole number from 1 to 500, got '1000'"}]}""";
}
