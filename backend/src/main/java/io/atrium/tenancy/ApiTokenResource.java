package io.atrium.tenancy;

import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Atrium API tokens of a tenant. Members create tokens for themselves, with at most their own
 * role; the secret is in the creation answer only. Tenant admins see and revoke everyone's;
 * others their own. A token cannot create or revoke tokens.
 */
@Path("/tenants/{tenant}/tokens")
@Authenticated
@Tag(name = "tokens")
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

    /** A token to create. */
    @Schema(name = "ApiTokenRequest")
    public record ApiTokenRequest(
            @Schema(description = "What it is for", examples = "ci-deploy")
            @NotNull
            @Size(min = 1, max = 100)
            @Pattern(
                    regexp = "(?=.*[\\w.@-])[\\w .@-]+",
                    message = "letters, digits, spaces and . @ _ - only, not only spaces")
            String name,

            @Schema(
                    description = "The most it may do; at most your role, which is the default",
                    enumeration = {"tenant-admin", "developer", "viewer"})
            @Pattern(regexp = "tenant-admin|developer|viewer", message = "must be tenant-admin, developer or viewer")
            String role,

            @Schema(description = "When it stops working: in the future, within 366 days; 90 days when absent")
            Instant expiresAt) {}

    /** A created token: its secret is shown here, and never again. */
    @Schema(name = "CreatedApiToken")
    public record CreatedApiToken(
            ApiTokenView token,

            @Schema(
                    description = "Send as `Authorization: Bearer <secret>`; store it now, it is not shown again",
                    examples = "atr_3q2-7wEXAMPLEi7fPw0l2h7eBq")
            String secret) {}

    @Inject
    ApiTokens tokens;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(
            summary = "List API tokens",
            description = "Tenant admins see every token of the tenant, others their own; newest first")
    public Uni<Page<ApiTokenView>> list(
            @PathParam("tenant") String tenant,
            @Parameter(description = "From the `next` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 100)") @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of("tokens", limit, cursor);
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> ownerUnlessAdmin(tenant))
                .chain(owner -> tokens.list(tenant, owner, page));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an API token",
            description = "For yourself, in this tenant, with at most your role (403 when asking for more). The answer"
                    + " holds the secret, once. Emits token.created")
    @APIResponse(responseCode = "201", description = "Created; the body holds the secret")
    public Uni<Response> create(
            @PathParam("tenant") String tenant,
            @NotNull @Valid ApiTokenRequest request,
            UriInfo uri,
            HttpServerRequest http) {
        Instant expiresAt = expiry(request.expiresAt());
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> access.notThroughAToken(identity))
                .chain(() -> access.role(identity, tenant))
                .chain(mine -> {
                    String own = mine.orElseThrow(() -> ErrorCode.FORBIDDEN.exception(
                            "API tokens act for members: you are not a member of " + tenant));
                    String role = request.role() == null ? own : request.role();
                    if (!TenantAccess.lesser(role, own).equals(role)) {
                        throw ErrorCode.FORBIDDEN.exception(
                                "You are " + own + " in " + tenant + ": a token of yours cannot be " + role);
                    }
                    return tokens.create(tenant, request.name().strip(), role, expiresAt, Actors.of(identity, http));
                })
                .map(created -> Response.created(uri.getAbsolutePathBuilder()
                                .path(created.token().id())
                                .build())
                        .entity(new CreatedApiToken(created.token(), created.secret()))
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Revoke an API token",
            description = "Yours, or anyone's for a tenant admin; it is refused (401) from then on. Revoking it again"
                    + " changes nothing. Emits token.revoked")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Response> revoke(
            @PathParam("tenant") String tenant, @PathParam("id") String id, HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> access.notThroughAToken(identity))
                .chain(() -> ownerUnlessAdmin(tenant))
                .chain(owner -> tokens.revoke(tenant, id, owner, Actors.of(identity, http)))
                .map(revoked -> Response.noContent().build());
    }

    /** The caller's subject, or null for tenant and platform admins (who act on every token). */
    private Uni<String> ownerUnlessAdmin(String tenant) {
        if (identity.hasRole(TenantAccess.PLATFORM_ADMIN)) {
            return Uni.createFrom().nullItem();
        }
        return access.role(identity, tenant)
                .map(role -> role.filter(TenantAccess.TENANT_ADMIN::equals).isPresent()
                        ? null
                        : ((org.eclipse.microprofile.jwt.JsonWebToken) identity.getPrincipal()).getSubject());
    }

    private static Instant expiry(Instant asked) {
        Instant now = Instant.now();
        if (asked == null) {
            return now.plus(ApiTokens.DEFAULT_LIFETIME);
        }
        if (!asked.isAfter(now) || asked.isAfter(now.plus(ApiTokens.MAX_LIFETIME))) {
            throw ErrorCode.VALIDATION_FAILED.invalid("expiresAt", "must be in the future, within 366 days");
        }
        return asked;
    }
}
