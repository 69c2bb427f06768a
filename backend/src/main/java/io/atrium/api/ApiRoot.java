package io.atrium.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The root of the REST API. As the root resource of the REST path {@code /api}, it also makes every unknown
 * {@code /api/...} path a 404 problem+json instead of falling through to the portal.
 */
@Path("/")
@Tag(name = "api")
public class ApiRoot {

    /** Where to find the API's description. */
    public record Index(String openapi, String health, String metrics) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the API is described")
    public Index index() {
        return new Index("/q/openapi", "/q/health", "/q/metrics");
    }
}
