package io.atrium.events;

import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.atrium.tenancy.TenantAccess;
import io.atrium.tenancy.TenantStream;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The event streams over SSE: a tenant's own events, and the firehose for platform admins.
 * Each event is a CloudEvent (structured JSON) named by its short type; its id is a cursor to
 * resume from with {@code Last-Event-ID}.
 */
@Path("/")
@Tag(name = "events")
public class EventsResource {

    @Inject
    EventHub hub;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @Inject
    Sse sse;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @GET
    @Path("/tenants/{tenant}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Authenticated
    @TenantStream
    @Operation(
            summary = "Follow the tenant's events",
            description = "The tenant's own events as they happen (task state changes, offers for its roles,"
                    + " its jobs, quota and weight changes), each a CloudEvent named by its short type. Resume"
                    + " exactly after an event by sending its id as Last-Event-ID. An `error` event (a problem"
                    + " JSON) ends the stream when the cursor is too old or the client fell too far behind")
    public Multi<OutboundSseEvent> tenant(
            @PathParam("tenant") String tenant,
            @Parameter(description = "Comma-separated event types or patterns, e.g. task.*,job.submitted")
                    @QueryParam("types")
                    String types,
            @Parameter(description = "Only events about this entity (a task, offer or agent id)") @QueryParam("subject")
                    String subject,
            @Parameter(description = "Only the events of this job's tasks") @QueryParam("job") String job,
            @Parameter(description = "Resume after this event") @HeaderParam("Last-Event-ID") String lastEventId) {
        EventFilter filter = filter(tenant, types, subject, job);
        Cursor from = cursor(lastEventId);
        // TenantStream has refused outsiders before the stream began; this is the same check, kept close.
        return access.require(identity, tenant, TenantAccess.READERS)
                .onItem()
                .transformToMulti(ignored -> stream(filter, from));
    }

    @GET
    @Path("/admin/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(TenantAccess.PLATFORM_ADMIN)
    @Operation(
            summary = "Follow every event of the cluster",
            description = "All tenants' events and the cluster's own (agents, frameworks); filters and resuming"
                    + " as for a tenant's stream")
    public Multi<OutboundSseEvent> firehose(
            @Parameter(description = "Only this tenant's events (_platform: the cluster's own)") @QueryParam("tenant")
                    String tenant,
            @Parameter(description = "Comma-separated event types or patterns, e.g. agent.*") @QueryParam("types")
                    String types,
            @Parameter(description = "Only events about this entity") @QueryParam("subject") String subject,
            @Parameter(description = "Only the events of this job's tasks") @QueryParam("job") String job,
            @Parameter(description = "Resume after this event") @HeaderParam("Last-Event-ID") String lastEventId) {
        return stream(
                filter(tenant == null || tenant.isBlank() ? null : tenant, types, subject, job), cursor(lastEventId));
    }

    @GET
    @Path("/tenants/{tenant}/events/offer-rates")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Authenticated
    @TenantStream
    @Operation(
            summary = "Follow offers per second for the tenant's roles",
            description = "Every second, an `offer.rates` event with how many offers of each of the tenant's"
                    + " roles were created, accepted, declined, rescinded and expired in the second before:"
                    + " the dashboard's view of the offer events, which are too many to follow one by one")
    public Multi<OutboundSseEvent> tenantOfferRates(@PathParam("tenant") String tenant) {
        return access.require(identity, tenant, TenantAccess.READERS)
                .onItem()
                .transformToMulti(ignored -> offerRates(tenant));
    }

    @GET
    @Path("/admin/events/offer-rates")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(TenantAccess.PLATFORM_ADMIN)
    @Operation(summary = "Follow offers per second for every role", description = "As a tenant's, for all roles")
    public Multi<OutboundSseEvent> offerRates() {
        return offerRates(null);
    }

    private Multi<OutboundSseEvent> offerRates(String tenant) {
        return Multi.createFrom().ticks().every(java.time.Duration.ofSeconds(1)).map(tick -> sse.newEventBuilder()
                .name("offer.rates")
                .data(json(hub.offerRates(tenant)))
                .build());
    }

    private Multi<OutboundSseEvent> stream(EventFilter filter, Cursor from) {
        Subscription subscription = hub.subscribe(filter, from);
        Context caller = Vertx.currentContext();
        Multi<Subscription.Delivery> deliveries =
                Multi.createBy().repeating().completionStage(subscription::next).until(Subscription.Delivery::isEnd);
        if (caller != null) {
            deliveries = deliveries.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return deliveries
                .onTermination()
                .invoke(() -> hub.unsubscribe(subscription))
                .map(this::toSse);
    }

    private OutboundSseEvent toSse(Subscription.Delivery delivery) {
        if (delivery.error() != null) {
            return sse.newEventBuilder()
                    .name("error")
                    .data(json(delivery.error()))
                    .build();
        }
        return sse.newEventBuilder()
                .id(delivery.cursor())
                .name(delivery.event().type())
                .data(delivery.event().json())
                .build();
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static EventFilter filter(String tenant, String types, String subject, String job) {
        try {
            return EventFilter.of(tenant, types, subject, job);
        } catch (IllegalArgumentException e) {
            throw invalid("types", e.getMessage());
        }
    }

    private static Cursor cursor(String lastEventId) {
        if (lastEventId == null) {
            return null;
        }
        try {
            return Cursor.parse(lastEventId);
        } catch (IllegalArgumentException e) {
            throw invalid("Last-Event-ID", "must be the id of an event this stream sent: " + e.getMessage());
        }
    }

    private static AtriumException invalid(String field, String reason) {
        return new AtriumException(
                ErrorCode.VALIDATION_FAILED,
                "Fix the fields listed in errors",
                List.of(new Problem.FieldError(field, reason)));
    }
}
