package cn.onestop.rules;

import java.util.Objects;

/**
 * One number of a rule table with its provenance: an amount in fen, a ratio in basis points, a
 * count or a day number.
 *
 * @param name dotted name, {@code section.parameter}, as in the rule file
 * @param source the clause it comes from, e.g. {@code E §22}
 */
public record Param(String name, long value, String source, Basis basis) {
    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(basis, "basis");
    }

    /** The value as basis points (ratios are validated to fit an int on load). */
    public int bp() {
        return (int) value;
    }

    public boolean assumed() {
        return basis == Basis.ASSUMED;
    }

    @Override
    public String toString() {
        return name + "=" + value + " (" + source + (basis == Basis.DOCUMENT ? "" : ", " + basis.name().toLowerCase()) + ")";
    }
}
