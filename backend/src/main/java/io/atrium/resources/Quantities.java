package io.atrium.resources;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Amounts of scalar resources by name, without reservations or shapes: what quotas, shares and
 * headroom are measured in (Mesos' {@code ResourceQuantities}). A missing name is zero. Immutable.
 */
public final class Quantities {

    public static final Quantities NONE = new Quantities(new String[0], new long[0]);

    /** Sorted names with their amounts in thousandths; never a zero amount. */
    private final String[] names;

    private final long[] millis;

    private Quantities(String[] names, long[] millis) {
        this.names = names;
        this.millis = millis;
    }

    public static Quantities of(Map<String, Scalar> amounts) {
        TreeMap<String, Scalar> sorted = new TreeMap<>(amounts);
        sorted.values().removeIf(Scalar::isEmpty);
        String[] names = sorted.keySet().toArray(String[]::new);
        long[] millis = sorted.values().stream().mapToLong(Scalar::millis).toArray();
        return new Quantities(names, millis);
    }

    /** From names already sorted and unique, with positive amounts. */
    static Quantities ofSorted(String[] names, long[] millis) {
        return names.length == 0 ? NONE : new Quantities(names, millis);
    }

    /** Parses {@code cpus:4;mem:8192}. */
    public static Quantities parse(String text) {
        return of(parseAmounts(text));
    }

    /** Parses {@code cpus:4;mem:0} into amounts by name, keeping zeros (a limit of zero means something). */
    public static SortedMap<String, Scalar> parseAmounts(String text) {
        SortedMap<String, Scalar> amounts = new TreeMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected name:amount, got '" + part.trim() + "'");
            }
            amounts.merge(part.substring(0, colon).trim(), Scalar.parse(part.substring(colon + 1)), Scalar::plus);
        }
        return amounts;
    }

    public Scalar get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i < 0 ? Scalar.ZERO : new Scalar(millis[i]);
    }

    public long millis(String name) {
        int i = Arrays.binarySearch(names, name);
        return i < 0 ? 0 : millis[i];
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public int size() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    public long millisAt(int index) {
        return millis[index];
    }

    public Quantities plus(Quantities other) {
        return combine(other, 1);
    }

    /** This minus {@code other}, never below zero for any name. */
    public Quantities minusFloored(Quantities other) {
        return combine(other, -1);
    }

    /** For every name, the larger of the two amounts. */
    public Quantities max(Quantities other) {
        return combine(other, 0);
    }
    /** Whether every amount here is at least the amount in {@code other}. */
    public boolean contains(Quantities other) {
        for (int i = 0; i < other.names.length; i++) {
            if (millis(other.names[i]) < other.millis[i]) {
                return false;
            }
        }
        return true;
    }

    public Map<String, Scalar> asMap() {
        Map<String, Scalar> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], new Scalar(millis[i]));
        }
        return map;
    }

    /** Merges by name: adds ({@code sign} 1), subtracts floored at zero (-1) or takes the larger (0). */
    private Quantities combine(Quantities other, int sign) {
        if (other.names.length == 0) {
            return this;
        }
        if (names.length == 0 && sign >= 0) {
            return other;
        }
        String[] outNames = new String[names.length + other.names.length];
        long[] outMillis = new long[outNames.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < names.length || j < other.names.length) {
            int order = i == names.length ? 1 : j == other.names.length ? -1 : names[i].compareTo(other.names[j]);
            String name;
            long value;
            if (order < 0) {
                name = names[i];
                value = millis[i++];
            } else if (order > 0) {
                name = other.names[j];
                value = sign == 0 ? other.millis[j++] : sign * other.millis[j++];
            } else {
                name = names[i];
                long theirs = other.millis[j++];
                value = sign == 0 ? Math.max(millis[i++], theirs) : millis[i++] + sign * theirs;
            }
            if (value > 0) {
                outNames[n] = name;
                outMillis[n++] = value;
            }
        }
        return new Quantities(Arrays.copyOf(outNames, n), Arrays.copyOf(outMillis, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantities q && Arrays.equals(names, q.names) && Arrays.equals(millis, q.millis);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(millis);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                text.append(';');
            }
            text.append(names[i]).append(':').append(new Scalar(millis[i]).text());
        }
        return text.toString();
    }
}
