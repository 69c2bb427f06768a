package io.atrium.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One event as the master emits it: its type, the entity it is about (the Kafka key and the
 * CloudEvents subject), the tenant it belongs to, when it happened and its data (a generated
 * type of event-schemas). {@link #envelope()} gives its CloudEvents 1.0 structured JSON.
 */
public record Event(UUID id, EventType type, String subject, String tenant, Instant time, Object data) {

    /** The tenant of cluster-wide events (agents, frameworks): only platform admins see them. */
    public static final String PLATFORM = "_platform";

    /** The content type of a structured-mode CloudEvent in JSON. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=UTF-8";

    private static final URI SOURCE = URI.create("/atrium/master");

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    public Event {
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(
                    type.ceType() + " carries " + type.dataClass().getSimpleName() + ", not " + data);
        }
    }

    public static Event of(EventType type, String subject, String tenant, Instant time, Object data) {
        return new Event(UUID.randomUUID(), type, subject, tenant, time, data);
    }

    /** The CloudEvents structured JSON of this event, as it goes to Kafka and to SSE clients. */
    public byte[] envelope() {
        CloudEvent event;
        try {
            event = CloudEventBuilder.v1()
                    .withId(id.toString())
                    .withSource(SOURCE)
                    .withType(type.ceType())
                    .withTime(time.atOffset(ZoneOffset.UTC))
                    .withSubject(subject)
                    .withExtension("tenant", tenant)
                    .withData("application/json", JSON.writeValueAsBytes(data))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the data of " + type.ceType() + ": " + e.getMessage(), e);
        }
        return FORMAT.serialize(event);
    }
}
