package io.atrium.events;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a stream stands: for each partition of the event topics, the offset of the next event
 * the client has not seen. It is the SSE {@code id} of every event sent, so a client that
 * reconnects with {@code Last-Event-ID} resumes exactly after the last event it got, from
 * memory or from Kafka, across master restarts. Written as {@code t0.15,t1.3,a0.7} (topic code,
 * partition, offset); a partition it does not name starts at offset 0.
 */
public final class Cursor {

    private final TreeMap<String, Long> next = new TreeMap<>();

    private Cursor() {}

    public static Cursor empty() {
        return new Cursor();
    }

    public static Cursor of(Map<TopicPartition, Long> positions) {
        Cursor cursor = new Cursor();
        positions.forEach(cursor::advanceTo);
        return cursor;
    }

    /** Reads a cursor this master wrote; throws {@link IllegalArgumentException} for anything else. */
    public static Cursor parse(String text) {
        Cursor cursor = new Cursor();
        if (text == null || text.isBlank()) {
            return cursor;
        }
        if (text.length() > 4096) {
            throw new IllegalArgumentException("a cursor is at most 4096 characters");
        }
        for (String part : text.strip().split(",")) {
            int dot = part.indexOf('.');
            if (part.length() < 4 || dot < 2) {
                throw new IllegalArgumentException("'" + part + "' is not topic, partition and offset");
            }
            Topic topic = Topic.ofCode(part.charAt(0));
            try {
                int partition = Integer.parseInt(part.substring(1, dot));
                long offset = Long.parseLong(part.substring(dot + 1));
                if (partition < 0 || offset < 0) {
                    throw new IllegalArgumentException("'" + part + "' has a negative partition or offset");
                }
                cursor.advanceTo(new TopicPartition(topic.topicName(), partition), offset);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not topic, partition and offset");
            }
        }
        return cursor;
    }

    /** The offset of the next unseen event in {@code partition}. */
    public long next(TopicPartition partition) {
        return next.getOrDefault(key(partition), 0L);
    }

    /** Whether the event at {@code offset} of {@code partition} is one the client has not seen. */
    public boolean isNew(TopicPartition partition, long offset) {
        return offset >= next(partition);
    }

    /** Records that everything before {@code nextOffset} in {@code partition} was seen. */
    public void advanceTo(TopicPartition partition, long nextOffset) {
        next.merge(key(partition), nextOffset, Math::max);
    }

    private static String key(TopicPartition partition) {
        return Topic.named(partition.topic()).code() + Integer.toString(partition.partition());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        next.forEach((partition, offset) -> {
            if (offset > 0) {
                text.append(text.isEmpty() ? "" : ",")
                        .append(partition)
                        .append('.')
                        .append(offset);
            }
        });
        return text.toString();
    }
}
