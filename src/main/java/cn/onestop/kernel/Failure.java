package cn.onestop.kernel;


import java.util.List;
import java.util.Objects;

/** A refusal with its reason code, a sentence for the counter, and the fields at fault if any. */
public record Failure(Reason reason, String message, List<FieldViolation> violations) {
    public Failure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        violations = List.copyOf(violations);
    }

    public static Failure of(Reason reason, String message) {
        return new Failure(reason, message, List.of());
    }
}
