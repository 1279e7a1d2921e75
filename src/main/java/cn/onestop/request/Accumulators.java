package cn.onestop.request;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable set of {@link Accumulator} values: a person's year-to-date state, or the change a
 * settlement makes to it (a delta, whose values may be negative for a reversal).
 */
public final class Accumulators {
    public static final Accumulators ZERO = new Accumulators(new long[Accumulator.count()]);

    private final long[] values;

    private Accumulators(long[] values) {
        this.values = values;
    }

    /** Values in {@link Accumulator} order; copied. */
    public static Accumulators of(long[] values) {
        if (values.length != Accumulator.count()) {
            throw new IllegalArgumentException("expected " + Accumulator.count() + " values, got " + values.length);
        }
        return new Accumulators(values.clone());
    }

    /** Values by accumulator; absent ones are zero. */
    public static Accumulators of(Map<Accumulator, Long> values) {
        long[] v = new long[Accumulator.count()];
        values.forEach((k, x) -> v[k.ordinal()] = x);
        return new Accumulators(v);
    }

    public long get(Accumulator a) {
        return values[a.ordinal()];
    }

    /** A copy with one value replaced. */
    public Accumulators with(Accumulator a, long value) {
        long[] v = values.clone();
        v[a.ordinal()] = value;
        return new Accumulators(v);
    }

    /** This state moved by {@code delta}; overflow is an error, never a wrap. */
    public Accumulators plus(Accumulators delta) {
        long[] v = new long[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.addExact(values[i], delta.values[i]);
        }
        return new Accumulators(v);
    }

    /**
     * The first accumulator whose value {@linkplain #plus moved by} {@code delta} would not fit in a
     * long, or fall below zero; null when every one fits.
     */
    public Accumulator firstOutOfRange(Accumulators delta) {
        for (Accumulator a : Accumulator.all()) {
            long x = values[a.ordinal()];
            long d = delta.values[a.ordinal()];
            long r = x + d;
            if (((x ^ r) & (d ^ r)) < 0 || r < 0) {
                return a;
            }
        }
        return null;
    }

    /** The delta that undoes this one. */
    public Accumulators negated() {
        long[] v = new long[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.negateExact(values[i]);
        }
        return new Accumulators(v);
    }

    public boolean isZero() {
        for (long x : values) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The first accumulator with a negative value, or null. */
    public Accumulator firstNegative() {
        for (Accumulator a : Accumulator.all()) {
            if (values[a.ordinal()] < 0) {
                return a;
            }
        }
        return null;
    }

    /** Non-zero values by accumulator, in declaration order. */
    public Map<Accumulator, Long> nonZero() {
        Map<Accumulator, Long> m = new LinkedHashMap<>();
        for (Accumulator a : Accumulator.all()) {
            if (values[a.ordinal()] != 0) {
                m.put(a, values[a.ordinal()]);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accumulators other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        nonZero().forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k.key()).append('=').append(v));
        return sb.append('}').toString();
    }
}
