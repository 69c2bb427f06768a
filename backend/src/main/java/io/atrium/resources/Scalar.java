package io.atrium.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A non-negative scalar resource amount in fixed point with three decimals, as Mesos rounds
 * them: {@code 0.1 + 0.2} cpus is exactly {@code 0.3}. Stored as thousandths.
 */
public record Scalar(long millis) implements Value, Comparable<Scalar> {

    public static final Scalar ZERO = new Scalar(0);

    public Scalar {
        if (millis < 0) {
            throw new IllegalArgumentException("a scalar resource cannot be negative: " + millis / 1000.0);
        }
    }

    /** Parses {@code "4"}, {@code "0.5"} or {@code "1024.25"}; more than three decimals round half up. */
    public static Scalar parse(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
        return new Scalar(
                value.setScale(3, RoundingMode.HALF_UP).movePointRight(3).longValueExact());
    }

    /** The nearest scalar to {@code value}, rounded to three decimals. */
    public static Scalar of(double value) {
        return new Scalar(Math.round(value * 1000));
    }

    public double toDouble() {
        return millis / 1000.0;
    }

    public Scalar plus(Scalar other) {
        return new Scalar(Math.addExact(millis, other.millis));
    }

    public Scalar minus(Scalar other) {
        if (other.millis > millis) {
            throw new IllegalArgumentException("cannot take " + other.text() + " from " + text());
        }
        return new Scalar(millis - other.millis);
    }

    @Override
    public Value plus(Value other) {
        if (other instanceof Scalar s) {
            return plus(s);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public Value minus(Value other) {
        if (other instanceof Scalar s) {
            return minus(s);
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public boolean contains(Value other) {
        if (other instanceof Scalar s) {
            return millis >= s.millis;
        }
        throw Value.mismatch(this, other);
    }

    @Override
    public boolean isEmpty() {
        return millis == 0;
    }

    @Override
    public int compareTo(Scalar other) {
        return Long.compare(millis, other.millis);
    }

    @Override
    public String text() {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}
