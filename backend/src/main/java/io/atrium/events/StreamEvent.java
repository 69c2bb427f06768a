package io.atrium.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One event read from Kafka, with what streams filter on pulled out of its envelope: where it
 * sits in its partition, its id, type, tenant, subject, its job (task and job events) and its
 * role (offer events).
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
        String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The job an event is about: a task's job label, or a job event's own id. */
    private static String job(JsonNode data) {
        JsonNode job = data.path("labels").path("job");
        return job.isTextual() ? job.asText() : data.path("jobId").asText(null);
    }

    /** The event in a record, or null when the record is not an Atrium CloudEvent (it is skipped). */
    static StreamEvent of(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode envelope = JSON.readTree(record.value());
            if (envelope == null
                    || !envelope.path("id").isTextual()
                    || !envelope.path("type").isTextual()) {
                return null;
            }
            return new StreamEvent(
                    new TopicPartition(record.topic(), record.partition()),
                    record.offset(),
                    envelope.path("id").asText(),
                    EventType.shortName(envelope.path("type").asText()),
                    envelope.path("tenant").asText(Event.PLATFORM),
                    envelope.path("subject").asText(""),
                    job(envelope.path("data")),
                    envelope.path("data").path("offer").path("role").asText(null),
                    new String(record.value(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
