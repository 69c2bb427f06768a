package io.atrium.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One event read from Kafka, with what streams filter on pulled out of its envelope: where it
 * sits in its partition, its id, type, tenant, subject and (for task events) its job.
 */
public record StreamEvent(
        TopicPartition partition,
        long offset,
        String id,
        String type,
        String tenant,
        String subject,
        String job,
        String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    envelope.path("data").path("labels").path("job").asText(null),
                    new String(record.value(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
