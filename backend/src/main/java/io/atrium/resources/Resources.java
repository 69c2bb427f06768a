package io.atrium.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A bag of resources, each a name, the role it is reserved to ({@link Roles#UNRESERVED} when
 * none) and a {@link Value}: {@code cpus:4;mem:8192;ports:[31000-32000];cpus(acme):2}. Entries
 * with the same name and role merge. Immutable; empty values are dropped.
 *
 * <p>This is what agents report, offers carry and tasks ask for. Quota and fairness look only at
 * the scalar {@link #quantities()}.
 */
public final class Resources {

    public static final Resources EMPTY = new Resources(new Resource[0]);

    private static final Comparator<Resource> ORDER =
            Comparator.comparing(Resource::name).thenComparing(Resource::role);

    /** One named resource reserved to a role (or unreserved). */
    public record Resource(String name, String role, Value value) {
        public boolean isReserved() {
            return !Roles.UNRESERVED.equals(role);
        }

        String text() {
            return name + (isReserved() ? "(" + role + ")" : "") + ":" + value.text();
        }
    }

    /** Sorted by name, then role; at most one entry per name and role; never an empty value. */
    private final Resource[] items;

    /** {@link #quantities()}, computed on first use: the allocator asks for it on every offer. */
    private Quantities quantities;

    private Resources(Resource[] items) {
        this.items = items;
    }

    /** Checks names and roles, then merges entries of the same name and role. */
    public static Resources of(List<Resource> resources) {
        Resources result = EMPTY;
        for (Resource resource : resources) {
            if (resource.name() == null || resource.name().isBlank()) {
                throw new IllegalArgumentException("a resource needs a name");
            }
            if (resource.isReserved()) {
                Roles.requireValid(resource.role());
            }
            if (resource.value().isEmpty()) {
                continue;
            }
            result = result.plus(new Resources(new Resource[] {resource}));
        }
        return result;
    }

    /**
     * Parses the Mesos agent text form: {@code name[(role)]:value} separated by {@code ;}, where
     * a value is a number, {@code [a-b, c-d]} ranges or a {@code {x,y}} set.
     */
    public static Resources parse(String text) {
        List<Resource> resources = new ArrayList<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected name:value, got '" + part.trim() + "'");
            }
            String key = part.substring(0, colon).trim();
            String role = Roles.UNRESERVED;
            int paren = key.indexOf('(');
            if (paren >= 0) {
                if (!key.endsWith(")")) {
                    throw new IllegalArgumentException("expected name(role), got '" + key + "'");
                }
                role = key.substring(paren + 1, key.length() - 1);
                key = key.substring(0, paren);
            }
            String value = part.substring(colon + 1).trim();
            Value parsed = value.startsWith("[")
                    ? Ranges.parse(value)
                    : value.startsWith("{") ? ValueSet.parse(value) : Scalar.parse(value);
            resources.add(new Resource(key.trim(), role, parsed));
        }
        return of(resources);
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    public List<Resource> list() {
        return Collections.unmodifiableList(Arrays.asList(items)); // a view: no copy per call
    }

    public Resources plus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Resource> merged = new ArrayList<>(items.length + other.items.length);
        int i = 0;
        int j = 0;
        while (i < items.length || j < other.items.length) {
            int order = i == items.length ? 1 : j == other.items.length ? -1 : ORDER.compare(items[i], other.items[j]);
            if (order < 0) {
                merged.add(items[i++]);
            } else if (order > 0) {
                merged.add(other.items[j++]);
            } else {
                Resource a = items[i++];
                merged.add(new Resource(a.name(), a.role(), a.value().plus(other.items[j++].value())));
            }
        }
        return new Resources(merged.toArray(Resource[]::new));
    }

    /** These resources without {@code other}, which must be {@link #contains contained}. */
    public Resources minus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        if (other == this || Arrays.equals(items, other.items)) {
            return EMPTY; // a whole agent offered at once: the common case in a cycle
        }
        List<Resource> left = new ArrayList<>(items.length);
        int j = 0;
        for (Resource item : items) {
            if (j < other.items.length && ORDER.compare(other.items[j], item) < 0) {
                throw new IllegalArgumentException("cannot take " + other + " from " + this);
            }
            if (j < other.items.length && ORDER.compare(other.items[j], item) == 0) {
                Value value = item.value().minus(other.items[j++].value());
                if (!value.isEmpty()) {
                    left.add(new Resource(item.name(), item.role(), value));
                }
            } else {
                left.add(item);
            }
        }
        if (j < other.items.length) {
            throw new IllegalArgumentException("cannot take " + other + " from " + this);
        }
        return new Resources(left.toArray(Resource[]::new));
    }

    /** Whether every resource in {@code other}, with its reservation, is here too. */
    public boolean contains(Resources other) {
        int i = 0;
        for (Resource wanted : other.items) {
            while (i < items.length && ORDER.compare(items[i], wanted) < 0) {
                i++;
            }
            if (i == items.length
                    || ORDER.compare(items[i], wanted) != 0
                    || !items[i].value().contains(wanted.value())) {
                return false;
            }
        }
        return true;
    }

    public Resources filter(Predicate<Resource> keep) {
        int first = 0;
        while (first < items.length && keep.test(items[first])) {
            first++;
        }
        if (first == items.length) {
            return this; // everything kept: the common case, without a copy
        }
        Resource[] kept = Arrays.copyOf(items, items.length);
        int n = first;
        for (int i = first + 1; i < items.length; i++) {
            if (keep.test(items[i])) {
                kept[n++] = items[i];
            }
        }
        return new Resources(Arrays.copyOf(kept, n));
    }

    public Resources unreserved() {
        return filter(r -> !r.isReserved());
    }
    /** What a framework in {@code role} may use: unreserved, or reserved to the role or one of its parents. */
    public Resources allocatableTo(String role) {
        return filter(r -> !r.isReserved() || Roles.isAncestorOrSelf(r.role(), role));
    }

    /** Scalar amounts by name, reserved or not. */
    public Quantities quantities() {
        Quantities result = quantities;
        if (result == null) {
            // Items are sorted by name, so equal names are neighbours.
            String[] names = new String[items.length];
            long[] millis = new long[items.length];
            int n = 0;
            for (Resource item : items) {
                if (item.value() instanceof Scalar s && s.millis() > 0) {
                    if (n > 0 && names[n - 1].equals(item.name())) {
                        millis[n - 1] += s.millis();
                    } else {
                        names[n] = item.name();
                        millis[n++] = s.millis();
                    }
                }
            }
            result = Quantities.ofSorted(Arrays.copyOf(names, n), Arrays.copyOf(millis, n));
            quantities = result;
        }
        return result;
    }

    /** The unreserved scalar {@code name}, or zero. */
    public Scalar scalar(String name) {
        for (Resource item : items) {
            if (item.name().equals(name) && !item.isReserved() && item.value() instanceof Scalar s) {
                return s;
            }
        }
        return Scalar.ZERO;
    }
    /**
     * These resources with the scalars that {@code which} selects cut down so that, per name
     * listed in {@code names}, together they hold at most {@code room}; everything else is kept.
     */
    public Resources cap(Quantities room, Set<String> names, Predicate<Resource> which) {
        if (names.isEmpty() || fitsIn(room, names, which)) {
            return this;
        }
        Map<String, Long> left = new HashMap<>();
        List<Resource> kept = new ArrayList<>(items.length);
        boolean changed = false;
        for (Resource item : items) {
            if (!(item.value() instanceof Scalar s) || !names.contains(item.name()) || !which.test(item)) {
                kept.add(item);
                continue;
            }
            long free = left.computeIfAbsent(item.name(), room::millis);
            long take = Math.min(free, s.millis());
            left.put(item.name(), free - take);
            if (take > 0) {
                kept.add(take == s.millis() ? item : new Resource(item.name(), item.role(), new Scalar(take)));
            }
            changed |= take != s.millis();
        }
        return changed ? new Resources(kept.toArray(Resource[]::new)) : this;
    }

    /** Whether the capped entries already fit in {@code room}; items of one name are neighbours. */
    private boolean fitsIn(Quantities room, Set<String> names, Predicate<Resource> which) {
        String name = null;
        long used = 0;
        for (Resource item : items) {
            if (!(item.value() instanceof Scalar s) || !names.contains(item.name()) || !which.test(item)) {
                continue;
            }
            if (!item.name().equals(name)) {
                name = item.name();
                used = 0;
            }
            used += s.millis();
            if (used > room.millis(name)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources r && Arrays.equals(items, r.items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Resource item : items) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(item.text());
        }
        return text.toString();
    }
}
