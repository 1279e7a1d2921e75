package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;
import cn.onestop.kernel.Result;

import java.time.LocalDate;

/** The input checks every clearing use case shares: INVALID_ARGUMENT naming the field. */
final class Checks {
    private Checks() {
    }

    /** A refusal when the institution is missing or unknown, else null. */
    static <T> Result<T> institution(Books books, String code) {
        if (code == null || code.isBlank()) {
            return Result.invalid("institution_code", "is required");
        }
        if (!books.institutionExists(code)) {
            return Result.invalid("institution_code", "unknown institution " + code);
        }
        return null;
    }

    /** A refusal when the range is missing or ends before it starts, else null. */
    static <T> Result<T> range(LocalDate from, LocalDate to) {
        if (from == null) {
            return Result.invalid("from", "is required (YYYY-MM-DD)");
        }
        if (to == null) {
            return Result.invalid("to", "is required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            return Result.invalid("to", "ends before the range starts (" + to + " < " + from + ")");
        }
        return null;
    }

    /** A refusal when the region is not a 6-digit code nobody knows, else null. */
    static <T> Result<T> region(Books books, String field, String region) {
        if (!AdminDivision.isCode(region)) {
            return Result.invalid(field, "must be a 6-digit admin-division code (e.g. 150400), got "
                    + (region == null || region.isEmpty() ? "nothing" : "\"" + region + "\""));
        }
        if (!books.regionKnown(new AdminDivision(region))) {
            return Result.invalid(field, "unknown region " + region + ": no person is insured there and no "
                    + "institution treats there");
        }
        return null;
    }
}
