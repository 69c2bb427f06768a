package io.atrium.events;

/**
 * The Kafka topics events travel on, one per kind of entity; records are keyed by the
 * entity's id so that each entity's events stay in order. The one-letter code names the
 * topic inside stream cursors.
 */
public enum Topic {
    AGENTS("atrium.agents", 'a'),
    OFFERS("atrium.offers", 'o'),
    TASKS("atrium.tasks", 't'),
    FRAMEWORKS("atrium.frameworks", 'f'),
    TENANCY("atrium.tenancy", 'y');

    private final String topicName;
    private final char code;

    Topic(String topicName, char code) {
        this.topicName = topicName;
        this.code = code;
    }

    public String topicName() {
        return topicName;
    }

    public char code() {
        return code;
    }

    public static Topic named(String name) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(name)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("not an Atrium topic: " + name);
    }

    public static Topic ofCode(char code) {
        for (Topic topic : values()) {
            if (topic.code == code) {
                return topic;
            }
        }
        throw new IllegalArgumentException("no topic has code " + code);
    }
}
