package cn.onestop.kernel;

/**
 * One problem found in an import file.
 *
 * @param line the physical line of the file where the offending record starts (the header is line
 *     1)
 * @param field the column it concerns (a CSV column name), or {@code "(row)"} for the record as a
 *     whole
 * @param message what is wrong, in words an operator can act on
 */
public record RowError(long line, String field, String message) {
    /** Field name used for problems with a whole record (e.g. the wrong number of fields). */
    public static final String ROW = "(row)";

    @Override
    public String toString() {
        return "line " + line + ", " + field + ": " + message;
    }
}
