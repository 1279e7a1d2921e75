package cn.onestop.csv;

import cn.onestop.kernel.RowError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells of one record, read by column name with their types. Every problem becomes a {@link
 * RowError} on the record's line naming the column; a typed read that fails gives null (or the
 * stated fallback) and marks the record {@link #failed()}. An empty cell is not an error unless
 * it is required; a column the header left out reads as empty.
 */
public final class Cells {
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");

    private final long line;
    private final String[] values;
    private final Map<String, Integer> index;
    private final List<RowError> errors;
    private int failures;

    Cells(long line, String[] values, Map<String, Integer> index, List<RowError> errors) {
        this.line = line;
        this.values = values;
        this.index = index;
        this.errors = errors;
    }

    /** The physical line the record starts on (the header is line 1). */
    public long line() {
        return line;
    }

    /** Whether a problem was reported for this record. */
    public boolean failed() {
        return failures > 0;
    }

    /** Reports a problem with {@code column} of this record. */
    public void error(String column, String message) {
        errors.add(new RowError(line, column, message));
        failures++;
    }

    /** The cell as it stands (trimmed), {@code ""} when empty or the column is absent. */
    public String get(String column) {
        Integer i = index.get(column);
        return i == null ? "" : values[i];
    }

    /** Whether the cell is empty. */
    public boolean isEmpty(String column) {
        return get(column).isEmpty();
    }

    /** Whether the cell has a value; if not, {@code "is required"} is reported. */
    public boolean require(String column) {
        return require(column, null);
    }

    /** Whether the cell has a value; if not, {@code "is required (hint)"} is reported. */
    public boolean require(String column, String hint) {
        if (!isEmpty(column)) {
            return true;
        }
        error(column, hint == null ? "is required" : "is required (" + hint + ")");
        return false;
    }

    /** Text of at most {@code maxLength} characters; null when empty or too long. */
    public String text(String column, boolean required, int maxLength) {
        String v = get(column);
        if (v.isEmpty()) {
            if (required) {
                require(column);
            }
            return null;
        }
        if (v.length() > maxLength) {
            error(column, "longer than " + maxLength + " characters");
            return null;
        }
        return v;
    }

    /**
     * {@link #text} without white space (an identifier, a code). Text with white space is reported
     * and still returned, so that checks that depend on it can run.
     */
    public String token(String column, boolean required, int maxLength) {
        String v = text(column, required, maxLength);
        if (v != null && !NO_SPACE.matcher(v).matches()) {
            error(column, "must not contain spaces");
        }
        return v;
    }

    /** {@link #text} on one line without tabs; null when it is not. */
    public String singleLine(String column, boolean required, int maxLength) {
        String v = text(column, required, maxLength);
        if (v != null && (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
            error(column, "must be one line without tabs");
            return null;
        }
        return v;
    }

    /** Text matching {@code pattern}; null when empty or not matching ({@code mustBe "v"}). */
    public String matching(String column, Pattern pattern, String mustBe) {
        String v = get(column);
        if (v.isEmpty()) {
            return null;
        }
        if (!pattern.matcher(v).matches()) {
            error(column, mustBe + quoted(v));
            return null;
        }
        return v;
    }

    /** {@code true} or {@code false} in any case; empty = false. */
    public boolean bool(String column) {
        String v = get(column);
        if (v.isEmpty() || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        error(column, "must be true or false (or empty), got " + quoted(v));
        return false;
    }

    /** A date {@code YYYY-MM-DD}; null when empty or not a date. */
    public LocalDate date(String column) {
        String v = get(column);
        if (v.isEmpty()) {
            return null;
        }
        LocalDate d = Values.date(v);
        if (d == null) {
            error(column, "must be a date YYYY-MM-DD, got " + quoted(v));
        }
        return d;
    }

    /** A constant of {@code type} by name in any case; {@code ifEmpty} when empty, null when bad. */
    public <E extends Enum<E>> E enumValue(String column, Class<E> type, E ifEmpty) {
        String v = get(column);
        if (v.isEmpty()) {
            return ifEmpty;
        }
        E e = Values.constant(type, v);
        if (e == null) {
            error(
                    column,
                    "must be one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got "
                            + quoted(v));
        }
        return e;
    }

    /** One of {@code choice}; {@code ifEmpty} when empty, null when bad. */
    public <E extends Enum<E>> E choice(String column, Choice<E> choice, E ifEmpty) {
        String v = get(column);
        if (v.isEmpty()) {
            return ifEmpty;
        }
        E e = choice.parse(v);
        if (e == null) {
            error(column, "must be " + choice.expected() + ", got " + quoted(v));
        }
        return e;
    }

    /** Whole fen ≥ 0 ({@link Bounds#FEN}), exact; {@code ifEmpty} when empty or bad. */
    public long fen(String column, long ifEmpty) {
        return fen(column, ifEmpty, Bounds.FEN);
    }

    /** Whole fen within {@code bounds}, exact as a long; {@code ifEmpty} when empty or bad. */
    public long fen(String column, long ifEmpty, Bounds bounds) {
        String v = get(column);
        if (v.isEmpty()) {
            return ifEmpty;
        }
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            error(column, bounds.notWhole() + quoted(v));
            return ifEmpty;
        }
        if (!bounds.contains(x)) {
            error(column, bounds.outOfRange() + x);
            return ifEmpty;
        }
        return x;
    }

    /** An int within {@code bounds}; null when empty or bad. */
    public Integer integer(String column, Bounds bounds) {
        String v = get(column);
        if (v.isEmpty()) {
            return null;
        }
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            error(column, bounds.notWhole() + quoted(v));
            return null;
        }
        if (!bounds.contains(x)) {
            error(column, bounds.outOfRange() + x);
            return null;
        }
        return x;
    }

    /**
     * The items of a list cell ({@code a;b;c}), trimmed, empty items left out; for cells whose
     * items have a syntax of their own (checked by the caller, reported with {@link #error}).
     */
    public List<String> items(String column, char separator) {
        List<String> out = new ArrayList<>();
        for (String item : get(column).split(Pattern.quote(String.valueOf(separator)))) {
            String t = item.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String quoted(String v) {
        return "\"" + v + "\"";
    }
}
