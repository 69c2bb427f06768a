package io.atrium.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One record read from Kafka, with what streams filter on pulled out of its envelope: where it
 * sits in its partition, its id, type, tenant, subject, its job (task and job events) and its
 * role (offer events). A record that is not an Atrium CloudEvent (a tombstone, anything
 * unreadable) keeps only its place: streams step over it.
 */
public record StreamEvent(
        TopicPartition partition,
        long offset,
        String id,
        String type,
        String tenant,
        String subject,
        String job,
        String role,
        String json,
        String tenantJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether this is an event (not a record to step over). */
    public boolean isEvent() {
        return id != null;
    }

    /** The JSON to send: a tenant's stream does not see where a platform admin acted from. */
    public String json(boolean forTenant) {
        return forTenant ? tenantJson : json;
    }

    /** The event in a record, or a place holder when the record is not an Atrium CloudEvent. */
    static StreamEvent of(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            JsonNode envelope = record.value() == null ? null : JSON.readTree(record.value());
            if (envelope == null
                    || !envelope.path("id").isTextual()
                    || !envelope.path("type").isTextual()) {
                return skip(partition, record.offset());
            }
            String json = new String(record.value(), StandardCharsets.UTF_8);
            return new StreamEvent(
                    partition,
                    record.offset(),
                    envelope.path("id").asText(),
                    EventType.shortName(envelope.path("type").asText()),
                    envelope.path("tenant").asText(Event.PLATFORM),
                    envelope.path("subject").asText(""),
                    job(envelope.path("data")),
                    envelope.path("data").path("offer").path("role").asText(null),
                    json,
                    withoutAddress(envelope, json));
        } catch (Exception e) { // anything unreadable is stepped over, never stops a stream
            return skip(partition, record.offset());
        }
    }

    private static StreamEvent skip(TopicPartition partition, long offset) {
        return new StreamEvent(partition, offset, null, null, null, null, null, null, null, null);
    }

    /** The job an event is about: a task's job label, or a job event's own id. */
    private static String job(JsonNode data) {
        JsonNode job = data.path("labels").path("job");
        return job.isTextual() ? job.asText() : data.path("jobId").asText(null);
    }

    private static String withoutAddress(JsonNode envelope, String json) throws Exception {
        JsonNode actor = envelope.path("data").path("actor");
        if (!(actor instanceof ObjectNode fields) || !fields.has("address")) {
            return json;
        }
        fields.remove("address");
        return JSON.writeValueAsString(envelope);
    }
}
