package io.atrium.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the event topics hold, as any Kafka consumer would: every record from the start to the end. */
public final class EventLog {

    /** One record: where it was and the CloudEvent it carries. */
    public record Record(String topic, int partition, long offset, String key, String contentType, JsonNode event) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLog() {}

    public static List<Record> readAll(String bootstrapServers, List<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<Record> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    var header = record.headers().lastHeader("content-type");
                    records.add(new Record(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8),
                            JSON.readTree(record.value())));
                }
            }
            return records;
        } catch (IOException e) {
            throw new AssertionError("a record is not JSON: " + e.getMessage(), e);
        }
    }
}
