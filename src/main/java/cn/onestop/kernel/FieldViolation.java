package cn.onestop.kernel;

import java.util.Objects;

/** One problem with one field of a request, named by its path ({@code lines[2].qty}). */
public record FieldViolation(String field, String description) {
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(description, "description");
    }

    /** The same violation seen from an enclosing object: {@code qty} becomes {@code lines[2].qty}. */
    public FieldViolation under(String parent) {
        return new FieldViolation(field.isEmpty() ? parent : parent + "." + field, description);
    }

    @Override
    public String toString() {
        return field + ": " + description;
    }
}
