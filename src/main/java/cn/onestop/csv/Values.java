package cn.onestop.csv;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The syntax of single values, for {@link Cells} and for the parts of a compound cell (e.g. the
 * dates in {@code SUBSISTENCE:2024-01-01:2024-12-31}).
 */
public final class Values {
    private Values() {}

    /** A date {@code YYYY-MM-DD}, or null when {@code s} is not one. */
    public static LocalDate date(String s) {
        if (s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The constant of {@code type} named {@code s} in any case, or null. */
    public static <E extends Enum<E>> E constant(Class<E> type, String s) {
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
