package cn.onestop.csv;

import cn.onestop.kernel.RowError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns a file format names: the header must name every required column once, in any
 * order, and may name each optional one once; a column left out reads as empty.
 *
 * @param required the columns every header names, in their documented order
 * @param optional the columns a header may leave out
 * @param othersIgnored whether a header may name other columns too (they are ignored and listed
 *     in {@link CsvFile#ignored()}) or such a column refuses the file
 */
public record Columns(List<String> required, List<String> optional, boolean othersIgnored) {
    public Columns {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    /** A header naming exactly {@code required}. */
    public static Columns exactly(List<String> required) {
        return new Columns(required, List.of(), false);
    }

    /** A header naming {@code required} and any of {@code optional}, nothing else. */
    public static Columns exactly(List<String> required, List<String> optional) {
        return new Columns(required, optional, false);
    }

    /** A header naming {@code required} and maybe other columns, which are ignored. */
    public static Columns atLeast(List<String> required) {
        return new Columns(required, List.of(), true);
    }

    /** Whether the format reads {@code column}. */
    boolean known(String column) {
        return required.contains(column) || optional.contains(column);
    }

    /**
     * Checks a header: a known column given twice, an unknown one (unless others are ignored) and a
     * missing required one are each added to {@code errors}, on {@code line}, in header order and
     * then in the documented order. The expected columns are named where they help: in the
     * message for an unknown column, or, when other columns are ignored, for a missing one.
     *
     * @return each known column's field index, or null when the header has errors
     */
    Map<String, Integer> check(
            long line, String[] header, List<RowError> errors, List<String> ignored) {
        Map<String, Integer> index = new HashMap<>(header.length * 2);
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < header.length; i++) {
            String h = header[i];
            if (othersIgnored && !known(h)) {
                ignored.add(h);
            } else if (!seen.add(h)) {
                errors.add(new RowError(line, h, "column given twice in the header"));
                ok = false;
            } else if (!known(h)) {
                errors.add(new RowError(line, h, "unknown column (expected " + expected() + ")"));
                ok = false;
            } else {
                index.put(h, i);
            }
        }
        for (String col : required) {
            if (!seen.contains(col)) {
                String more = othersIgnored ? " (expected " + expected() + ")" : "";
                errors.add(new RowError(line, col, "missing column in the header" + more));
                ok = false;
            }
        }
        return ok ? index : null;
    }

    /** What is said about a file without a header. */
    String emptyFileMessage() {
        return "empty file: a header row is required (" + String.join(",", required) + ")";
    }

    private String expected() {
        return String.join(",", required)
                + (optional.isEmpty() ? "" : "; optional " + String.join(",", optional));
    }
}
