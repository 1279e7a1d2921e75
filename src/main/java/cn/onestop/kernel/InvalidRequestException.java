package cn.onestop.kernel;

import java.util.List;

/**
 * A request that cannot be settled as given (INVALID_ARGUMENT). Thrown by the constructors of
 * the request records, so an invalid value never exists; carries every field it knows is wrong.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(render(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String description) {
        this(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** The same problems seen from an enclosing object. */
    public InvalidRequestException under(String parent) {
        return new InvalidRequestException(violations.stream().map(v -> v.under(parent)).toList());
    }

    /** The first faults, then how many more (a hostile bill may have thousands). */
    private static String render(List<FieldViolation> violations) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(violations.size(), 16);
        for (int i = 0; i < shown; i++) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(violations.get(i));
        }
        if (violations.size() > shown) {
            sb.append("; and ").append(violations.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
