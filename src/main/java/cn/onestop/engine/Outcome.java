package cn.onestop.engine;

import cn.onestop.kernel.FieldViolation;

import java.util.List;
import java.util.Objects;

/** The result of a split: a settlement, or a typed refusal. Never an exception for business cases. */
public sealed interface Outcome {
    /** The bill was split. */
    record Settled(Settlement settlement) implements Outcome {
        public Settled {
            Objects.requireNonNull(settlement, "settlement");
        }
    }

    /**
     * The bill was not split.
     *
     * @param reason a sentence for the billing clerk, naming the rule or field
     * @param violations for {@link Refusal#INVALID_ARGUMENT}, the fields at fault; otherwise empty
     */
    record Refused(Refusal code, String reason, List<FieldViolation> violations) implements Outcome {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            violations = List.copyOf(violations);
        }

        static Refused of(Refusal code, String reason) {
            return new Refused(code, reason, List.of());
        }

        static Refused invalid(String field, String description) {
            return new Refused(Refusal.INVALID_ARGUMENT, field + ": " + description,
                    List.of(new FieldViolation(field, description)));
        }
    }
}
