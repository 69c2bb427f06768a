package io.atrium.resources;

import java.util.SortedSet;
import java.util.TreeSet;

/** A set of named items, such as GPU device ids: {@code {gpu0,gpu1}}. Immutable. */
public record ValueSet(SortedSet<String> items) implements Value {

    public static final ValueSet EMPTY = new ValueSet(new TreeSet<>());

    public ValueSet {
        items = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(items));
    }

    /** Parses {@code {gpu0, gpu1}} (braces optional). */
    public static ValueSet parse(String text) {
        String body = text.trim();
        if (body.startsWith("{") && body.endsWith("}")) {
            body = body.substring(1, body.length() - 1);
        }
        TreeSet<String> items = new TreeSet<>();
        for (String item : body.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return new ValueSet(items);
    }

    @Override
    public Value plus(Value other) {
        if (other instanceof ValueSet s) {
            TreeSet<String> union = new TreeSet<>(items);
            union.addAll(s.items);
            return new ValueSet(union);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public Value minus(Value other) {
        if (!contains(other)) {
            throw new IllegalArgumentException("cannot take " + other.text() + " from " + text());
        }
        TreeSet<String> left = new TreeSet<>(items);
        left.removeAll(((ValueSet) other).items);
        return new ValueSet(left);
    }

    @Override
    public boolean contains(Value other) {
        if (other instanceof ValueSet s) {
            return items.containsAll(s.items);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String text() {
        return "{" + String.join(",", items) + "}";
    }
}
