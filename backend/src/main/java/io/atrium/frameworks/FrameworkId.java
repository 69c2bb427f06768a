package io.atrium.frameworks;

import java.util.Objects;

/** The id of a framework (a scheduler): built-in ones have fixed ids, external ones get one at subscribe. */
public record FrameworkId(String value) implements Comparable<FrameworkId> {

    public FrameworkId {
        Objects.requireNonNull(value, "framework id");
        if (value.contains("/")) {
            throw new IllegalArgumentException("a framework id cannot contain '/': " + value);
        }
    }

    @Override
    public int compareTo(FrameworkId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
