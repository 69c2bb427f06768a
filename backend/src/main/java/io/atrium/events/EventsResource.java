package io.atrium.events;

import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.atrium.tenancy.TenantAccess;
import io.atrium.tenancy.TenantStream;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
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
    io.vertx.core.Vertx vertx;

    @Inject
    EventsConfig config;

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
        // TenantStream has refused outsiders before the method ran; subscribing here, before the
        // response starts, lets "unavailable" still be a 503. The access check is repeated, kept close.
        Subscription subscription = hub.subscribe(filter(tenant, types, subject, job), cursor(lastEventId));
        long tokenExpiry = tokenExpiry();
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> seesAdministration(tenant))
                .onItem()
                .transformToMulti(admin -> stream(subscription, true, tokenExpiry)
                        .filter(event -> admin || !ADMINISTRATION.contains(entityOf(event.getName()))))
                .onTermination()
                .invoke(() -> hub.unsubscribe(subscription));
    }

    /** Events about a tenant's members and tokens: only its admins see them, as only they list them. */
    private static final java.util.Set<String> ADMINISTRATION = java.util.Set.of("member", "token");

    private static String entityOf(String eventName) {
        int dot = eventName == null ? -1 : eventName.indexOf('.');
        return dot < 0 ? "" : eventName.substring(0, dot);
    }

    /** Whether the caller may see the tenant's administration events: its tenant admins and platform admins. */
    private Uni<Boolean> seesAdministration(String tenant) {
        if (identity.hasRole(TenantAccess.PLATFORM_ADMIN)) {
            return Uni.createFrom().item(true);
        }
        return access.role(identity, tenant)
                .map(role -> role.filter(TenantAccess.TENANT_ADMIN::equals).isPresent());
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
                hub.subscribe(
                        filter(tenant == null || tenant.isBlank() ? null : tenant, types, subject, job),
                        cursor(lastEventId)),
                false,
                tokenExpiry());
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
        return Multi.createFrom()
                .ticks()
                .every(java.time.Duration.ofSeconds(1))
                .onOverflow()
                .drop()
                .map(tick -> sse.newEventBuilder()
                        .name("offer.rates")
                        .data(json(hub.offerRates(tenant)))
                        .build());
    }

    /**
     * A subscription as SSE; it ends when the caller's token expires (the client reconnects with
     * a fresh one and Last-Event-ID), so access is never older than a token. A tenant's stream
     * ({@code forTenant}) does not show where platform admins acted from.
     */
    private Multi<OutboundSseEvent> stream(Subscription subscription, boolean forTenant, long tokenExpiry) {
        Long expiry = expiryTimer(subscription, tokenExpiry);
        long keepAlive = vertx.setPeriodic(config.keepAlive().toMillis(), id -> subscription.keepAlive());
        Context caller = Vertx.currentContext();
        Multi<Subscription.Delivery> deliveries =
                Multi.createBy().repeating().completionStage(subscription::next).until(Subscription.Delivery::isEnd);
        if (caller != null) {
            deliveries = deliveries.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return deliveries
                .onTermination()
                .invoke(() -> {
                    hub.unsubscribe(subscription);
                    vertx.cancelTimer(keepAlive);
                    if (expiry != null) {
                        vertx.cancelTimer(expiry);
                    }
                })
                .map(delivery -> toSse(delivery, forTenant));
    }

    /** When the caller's token expires, in epoch millis; 0 when it does not say. */
    private long tokenExpiry() {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                ? token.getExpirationTime() * 1000
                : 0;
    }

    /** Ends the subscription when the caller's token expires; the timer's id, or null without an expiry. */
    private Long expiryTimer(Subscription subscription, long tokenExpiry) {
        if (tokenExpiry == 0) {
            return null;
        }
        long millis = Math.max(1, tokenExpiry - System.currentTimeMillis());
        return vertx.setTimer(
                millis,
                id -> subscription.end(Problem.of(
                        ErrorCode.UNAUTHENTICATED,
                        "Your access token expired; reconnect with a new one and Last-Event-ID to go on",
                        null)));
    }

    private OutboundSseEvent toSse(Subscription.Delivery delivery, boolean forTenant) {
        if (delivery.isKeepAlive()) {
            return sse.newEventBuilder().comment("keep-alive").build();
        }
        if (delivery.error() != null) {
            return sse.newEventBuilder()
                    .name("error")
                    .data(json(delivery.error()))
                    .build();
        }
        return sse.newEventBuilder()
                .id(delivery.cursor())
                .name(delivery.event().type())
                .data(delivery.event().json(forTenant))
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
