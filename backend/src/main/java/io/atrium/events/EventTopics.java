package io.atrium.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the event topics that do not exist yet, with the configured partitions, replicas and retention. */
final class EventTopics {

    private EventTopics() {}

    /** Returns once every topic exists; fails when the broker does not answer in time. */
    static void ensure(Admin admin, EventsConfig config) throws InterruptedException, TimeoutException {
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = java.util.Arrays.stream(Topic.values())
                    .filter(topic -> !existing.contains(topic.topicName()))
                    .map(topic -> new NewTopic(topic.topicName(), config.partitions(), config.replication())
                            .configs(Map.of(
                                    TopicConfig.RETENTION_MS_CONFIG,
                                    Long.toString(config.retention().toMillis()))))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create the event topics: " + e.getCause().getMessage(), e);
            }
        }
    }
}
