package io.atrium.resources;

/**
 * The value of one named resource, in the three shapes Mesos knows: a {@link Scalar} (cpus, mem,
 * disk, gpus), {@link Ranges} (ports) or a {@link ValueSet} (named devices). Values of one shape
 * add, subtract and compare; mixing shapes is a programming error.
 */
public sealed interface Value permits Scalar, Ranges, ValueSet {

    /** This value with {@code other} added. */
    Value plus(Value other);

    /** This value with {@code other} taken away; {@code other} must be {@link #contains contained}. */
    Value minus(Value other);

    /** Whether this value holds at least everything in {@code other}. */
    boolean contains(Value other);

    boolean isEmpty();

    /** The text form used in agent configuration and logs, e.g. {@code 1.5} or {@code [31000-32000]}. */
    String text();

    static IllegalArgumentException mismatch(Value a, Value b) {
        return new IllegalArgumentException("cannot combine " + a.getClass().getSimpleName() + " " + a.text() + " with "
                + b.getClass().getSimpleName() + " " + b.text());
    }
}
