package cn.onestop.enrolment;

import cn.onestop.csv.Cells;
import cn.onestop.request.Accumulator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The opening_accumulators cell of a persons record: {@code key=value} items separated by {@code
 * ;}, keys {@link Accumulator#key()} names given once, values whole numbers ≥ 0 (fen, or counts).
 */
final class OpeningAccumulatorsCell {
    static final String COLUMN = "opening_accumulators";

    private OpeningAccumulatorsCell() {}

    /** The valid items; each bad one is reported. Empty when the cell is. */
    static Map<Accumulator, Long> read(Cells c) {
        Map<Accumulator, Long> out = new EnumMap<>(Accumulator.class);
        for (String item : c.items(COLUMN, ';')) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                c.error(COLUMN, "\"" + item + "\" is not key=value");
                continue;
            }
            String key = item.substring(0, eq).trim();
            Accumulator a = Accumulator.byKey(key);
            if (a == null) {
                c.error(COLUMN, "unknown accumulator \"" + key + "\" (one of " + known() + ")");
                continue;
            }
            Long v = value(c, key, item.substring(eq + 1).trim());
            if (v != null && out.put(a, v) != null) {
                c.error(COLUMN, key + " given twice");
            }
        }
        return out;
    }

    /** A whole number ≥ 0, exact; null when not (reported). */
    private static Long value(Cells c, String key, String value) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            c.error(COLUMN, key + ": not a whole number: \"" + value + "\"");
            return null;
        }
        if (v < 0) {
            c.error(COLUMN, key + ": must be ≥ 0, got " + v);
            return null;
        }
        return v;
    }

    private static String known() {
        List<String> known = new ArrayList<>();
        for (Accumulator x : Accumulator.values()) {
            known.add(x.key());
        }
        return String.join(", ", known);
    }
}
