package cn.onestop.rules;

import java.util.List;
import java.util.Objects;

/**
 * The range a kind of rule-table number lies in. The rule records check their parameters against
 * it when built, and the rule-file reader refuses a value outside it with the same wording.
 */
public enum ParamRange {
    /** An amount in fen. */
    AMOUNT(0, Long.MAX_VALUE, "an amount in fen, at least 0"),
    /** A ratio in basis points. */
    RATIO(0, 10_000, "a ratio in basis points, 0..10000"),
    /** A ratio adjustment in basis points, either way. */
    ADJUSTMENT(-10_000, 10_000, "an adjustment in basis points, -10000..10000"),
    /** Days, visits, or how many of something. */
    COUNT(0, Integer.MAX_VALUE, "a count, at least 0"),
    /** A yes/no rule, 1 or 0. */
    FLAG(0, 1, "a flag, 0 or 1"),
    /** A 6-digit admin-division code (行政区划代码), e.g. 150100. */
    ADMIN_DIVISION(100_000, 999_999, "a 6-digit admin-division code"),
    /** The first four digits of an admin-division code: a pooling region (统筹区), e.g. 1501. */
    POOLING_REGION(1_000, 9_999, "a 4-digit pooling region");

    private final long min;
    private final long max;
    private final String description;

    ParamRange(long min, long max, String description) {
        this.min = min;
        this.max = max;
        this.description = description;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** What the value must be, e.g. "a ratio in basis points, 0..10000". */
    public String description() {
        return description;
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** {@code p}, refused when it is null or its value is out of this range. */
    public Param check(Param p) {
        Objects.requireNonNull(p, "parameter");
        if (!contains(p.value())) {
            throw new IllegalArgumentException(p.name() + ": must be " + description + ", got " + p.value());
        }
        return p;
    }

    /** {@code p} checked as by {@link #check}, or null when it is null (a parameter a version may leave out). */
    public Param checkOptional(Param p) {
        return p == null ? null : check(p);
    }

    /** An unmodifiable copy of {@code ps}, refused unless it has {@code size} parameters, each in range. */
    public List<Param> checkEach(List<Param> ps, int size) {
        List<Param> copy = List.copyOf(ps);
        if (copy.size() != size) {
            throw new IllegalArgumentException("expected " + size + " parameters, got " + copy.size() + ": " + copy);
        }
        copy.forEach(this::check);
        return copy;
    }
}
