package cn.onestop.clearing;

import cn.onestop.kernel.InvalidRequestException;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The national month form {@code setlym} ({@code YYYYMM}) and the ISO one ({@code YYYY-MM}). */
public final class Months {
    private static final DateTimeFormatter SETLYM = DateTimeFormatter.ofPattern("uuuuMM");

    private Months() {
    }

    public static String setlym(YearMonth m) {
        return m.format(SETLYM);
    }

    /** A month given as {@code YYYYMM} or {@code YYYY-MM}, or INVALID_ARGUMENT naming {@code field}. */
    public static YearMonth parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required (YYYYMM)");
        }
        try {
            return value.length() == 6 ? YearMonth.parse(value, SETLYM) : YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "not a month (YYYYMM): " + value);
        }
    }
}
