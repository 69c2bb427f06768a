package io.atrium.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.api.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log for platform admins: every event that names who acted (admins' and tenant
 * admins' changes, jobs submitted), newest first, kept after the outbox forgets them.
 */
@Path("/admin/audit")
@RolesAllowed(TenantAccess.PLATFORM_ADMIN)
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One audited action. */
    @Schema(name = "AuditRecord")
    public record AuditRecord(
            @Schema(description = "The CloudEvent id of the action's event")
            String eventId,

            Instant time,
            @Schema(examples = "acme") String tenant,
            @Schema(examples = "io.atrium.quota.changed.v1") String type,

            @Schema(description = "What was changed (the event's subject)", examples = "acme")
            String subject,

            @Schema(description = "Who acted: Keycloak subject")
            String actorSubject,

            @Schema(examples = "admin") String actor,

            @Schema(description = "The client address they acted from")
            String address,

            @Schema(description = "The event's data") JsonNode data) {}

    @Inject
    Pool pool;

    @GET
    @Operation(summary = "Query the audit log", description = "Newest first, a page at a time; filters combine")
    public Uni<Page<AuditRecord>> list(
            @Parameter(description = "Only this tenant's (`_platform` for cluster-wide)") @QueryParam("tenant")
                    String tenant,
            @Parameter(description = "Only actions of this user name") @QueryParam("actor") String actor,
            @Parameter(description = "Only this event type, e.g. io.atrium.quota.changed.v1") @QueryParam("type")
                    String type,
            @Parameter(description = "From the `next` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 100)") @QueryParam("limit") String limit) {
        int size = Page.limit(limit);
        Long before = Page.numericPosition(cursor);
        return pool.preparedQuery("""
                        select id, event_id, time, tenant, type, subject, actor_subject, actor_username,
                               actor_address, data::text as data
                        from audit
                        where ($1::text is null or tenant = $1) and ($2::text is null or actor_username = $2)
                          and ($3::text is null or type = $3) and ($4::bigint is null or id < $4)
                        order by id desc limit $5""")
                .execute(Tuple.from(java.util.Arrays.asList(tenant, actor, type, before, size + 1)))
                .map(rows -> {
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    return Page.of(all, size, row -> Long.toString(row.getLong("id")));
                })
                .map(page -> new Page<>(
                        page.items().stream().map(AuditResource::record).toList(), page.next()));
    }

    private static AuditRecord record(Row row) {
        try {
            return new AuditRecord(
                    row.getUUID("event_id").toString(),
                    row.getOffsetDateTime("time").toInstant(),
                    row.getString("tenant"),
                    row.getString("type"),
                    row.getString("subject"),
                    row.getString("actor_subject"),
                    row.getString("actor_username"),
                    row.getString("actor_address"),
                    JSON.readTree(row.getString("data")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an audit record's data is not JSON", e);
        }
    }
}
