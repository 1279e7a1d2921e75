package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The input checks the clearing use cases share, gathered: every field at fault is named in one
 * INVALID_ARGUMENT refusal, not only the first one found.
 */
final class Checks {
    private final Books books;
    private final List<FieldViolation> faults = new ArrayList<>();

    /** @param books what institution and region checks look in; null where none is made */
    Checks(Books books) {
        this.books = books;
    }

    /** The institution is given and known. */
    Checks institution(String code) {
        if (code == null || code.isBlank()) {
            return fault("institution_code", "is required");
        }
        return books.institutionExists(code) ? this : fault("institution_code", "unknown institution " + code);
    }

    /** Both ends of the range are given, and it does not end before it starts. */
    Checks range(LocalDate from, LocalDate to) {
        required("from", from, "YYYY-MM-DD");
        required("to", to, "YYYY-MM-DD");
        if (from != null && to != null && to.isBefore(from)) {
            fault("to", "ends before the range starts (" + to + " < " + from + ")");
        }
        return this;
    }

    /** The region is a 6-digit code somebody knows. */
    Checks region(String field, String region) {
        if (!AdminDivision.isCode(region)) {
            return fault(field, "must be a 6-digit admin-division code (e.g. 150400), got "
                    + (region == null || region.isEmpty() ? "nothing" : "\"" + region + "\""));
        }
        if (!books.regionKnown(new AdminDivision(region))) {
            return fault(field, "unknown region " + region + ": no person is insured there and no "
                    + "institution treats there");
        }
        return this;
    }

    /** {@code value} is given; {@code format} says how it is written. */
    Checks required(String field, Object value, String format) {
        return value == null ? fault(field, "is required (" + format + ")") : this;
    }

    /** {@code field} is at fault, for {@code why}, unless {@code holds}. */
    Checks unless(boolean holds, String field, String why) {
        return holds ? this : fault(field, why);
    }

    /** The refusal naming every field at fault, or null when there is none. */
    <T> Result<T> refusal() {
        if (faults.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (FieldViolation f : faults) {
            sb.append(sb.length() == 0 ? "" : "; ").append(f.field()).append(": ").append(f.description());
        }
        return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, sb.toString(), faults));
    }

    private Checks fault(String field, String description) {
        faults.add(new FieldViolation(field, description));
        return this;
    }
}
