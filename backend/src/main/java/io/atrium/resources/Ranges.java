package io.atrium.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of non-negative integers kept as sorted, disjoint, non-adjacent inclusive intervals
 * ({@code [31000-32000, 33000-33010]}), for ports. Immutable.
 */
public final class Ranges implements Value {

    public static final Ranges EMPTY = new Ranges(new long[0]);

    /** begin0, end0, begin1, end1 …: sorted, disjoint and never touching. */
    private final long[] bounds;

    private Ranges(long[] bounds) {
        this.bounds = bounds;
    }

    /** The interval from {@code begin} to {@code end}, both included. */
    public static Ranges of(long begin, long end) {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a range: " + begin + "-" + end);
        }
        return new Ranges(new long[] {begin, end});
    }

    /** Parses {@code [31000-32000, 40000-40010]} (brackets optional). */
    public static Ranges parse(String text) {
        String body = text.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        Ranges result = EMPTY;
        for (String part : body.split(",")) {
            String range = part.trim();
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            try {
                long begin = Long.parseLong(
                        range.substring(0, dash < 0 ? range.length() : dash).trim());
                long end = dash < 0
                        ? begin
                        : Long.parseLong(range.substring(dash + 1).trim());
                result = result.plus(of(begin, end));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a range: '" + range + "'");
            }
        }
        return result;
    }

    /** How many numbers the ranges hold. */
    public long count() {
        long count = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            count += bounds[i + 1] - bounds[i] + 1;
        }
        return count;
    }

    /** The lowest {@code n} numbers, or fewer when the ranges hold fewer. */
    public Ranges lowest(long n) {
        List<long[]> taken = new ArrayList<>();
        long left = n;
        for (int i = 0; i < bounds.length && left > 0; i += 2) {
            long end = Math.min(bounds[i + 1], bounds[i] + left - 1);
            taken.add(new long[] {bounds[i], end});
            left -= end - bounds[i] + 1;
        }
        return normalized(taken);
    }

    public List<Long> values() {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            for (long v = bounds[i]; v <= bounds[i + 1]; v++) {
                values.add(v);
            }
        }
        return values;
    }

    public Ranges plus(Ranges other) {
        if (other.bounds.length == 0) {
            return this;
        }
        if (bounds.length == 0) {
            return other;
        }
        List<long[]> all = new ArrayList<>(intervals());
        all.addAll(other.intervals());
        return normalized(all);
    }

    public Ranges minus(Ranges other) {
        if (!contains(other)) {
            throw new IllegalArgumentException("cannot take " + other.text() + " from " + text());
        }
        List<long[]> left = new ArrayList<>();
        int j = 0;
        for (long[] interval : intervals()) {
            long begin = interval[0];
            long end = interval[1];
            while (j < other.bounds.length && other.bounds[j + 1] < begin) {
                j += 2;
            }
            int k = j;
            while (k < other.bounds.length && other.bounds[k] <= end) {
                if (other.bounds[k] > begin) {
                    left.add(new long[] {begin, other.bounds[k] - 1});
                }
                begin = Math.max(begin, other.bounds[k + 1] + 1);
                k += 2;
            }
            if (begin <= end) {
                left.add(new long[] {begin, end});
            }
        }
        return normalized(left);
    }

    public boolean contains(Ranges other) {
        int i = 0;
        for (int j = 0; j < other.bounds.length; j += 2) {
            while (i < bounds.length && bounds[i + 1] < other.bounds[j]) {
                i += 2;
            }
            if (i >= bounds.length || bounds[i] > other.bounds[j] || bounds[i + 1] < other.bounds[j + 1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Value plus(Value other) {
        if (other instanceof Ranges r) {
            return plus(r);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public Value minus(Value other) {
        if (other instanceof Ranges r) {
            return minus(r);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public boolean contains(Value other) {
        if (other instanceof Ranges r) {
            return contains(r);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public boolean isEmpty() {
        return bounds.length == 0;
    }

    @Override
    public String text() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(bounds[i]).append('-').append(bounds[i + 1]);
        }
        return text.append(']').toString();
    }

    private List<long[]> intervals() {
        List<long[]> intervals = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            intervals.add(new long[] {bounds[i], bounds[i + 1]});
        }
        return intervals;
    }

    private static Ranges normalized(List<long[]> intervals) {
        if (intervals.isEmpty()) {
            return EMPTY;
        }
        intervals.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] merged = new long[intervals.size() * 2];
        int n = 0;
        for (long[] interval : intervals) {
            if (n > 0 && interval[0] <= merged[n - 1] + 1) {
                merged[n - 1] = Math.max(merged[n - 1], interval[1]);
            } else {
                merged[n++] = interval[0];
                merged[n++] = interval[1];
            }
        }
        return new Ranges(Arrays.copyOf(merged, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ranges r && Arrays.equals(bounds, r.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return text();
    }
}
