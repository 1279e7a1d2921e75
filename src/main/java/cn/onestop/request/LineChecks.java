package cn.onestop.request;

import cn.onestop.kernel.FieldViolation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a bill line and of a bill's lines, in one place: the line records check themselves
 * with them, and a front that collects every fault of a request calls them too.
 */
public final class LineChecks {
    private LineChecks() {
    }

    /**
     * What is wrong with one line's fields (paths relative to the line); empty when nothing is.
     *
     * @param category null when the line has none (allowed only when it is coded)
     * @param categoryFromCatalog the category will come from a catalog: none is required, and the
     *     consumable ratio rule is the catalog's
     */
    static List<FieldViolation> line(String id, Category category, boolean categoryFromCatalog, long unitPrice,
                                     long qty, int selfRatioBp) {
        List<FieldViolation> bad = new ArrayList<>(0);
        if (id == null || id.isBlank()) {
            bad.add(new FieldViolation("id", "is required"));
        }
        if (category == null && !categoryFromCatalog) {
            bad.add(new FieldViolation("category", "is required unless item_code is given "
                    + "(A, B, BLOOD, CONSUMABLE, BED, SELF, EXCLUDED)"));
        }
        if (unitPrice < 0) {
            bad.add(new FieldViolation("unit_price", "must not be negative, got " + unitPrice));
        }
        if (qty <= 0) {
            bad.add(new FieldViolation("qty", "must be positive, got " + qty));
        }
        if (selfRatioBp != BillLine.NO_RATIO && (selfRatioBp < 0 || selfRatioBp > 10_000)) {
            bad.add(new FieldViolation("self_ratio_bp", "must be 0..10000, got " + selfRatioBp));
        } else if (category == Category.CONSUMABLE && !categoryFromCatalog && selfRatioBp == BillLine.NO_RATIO) {
            bad.add(new FieldViolation("self_ratio_bp", "is required for a CONSUMABLE line"));
        }
        if (unitPrice >= 0 && qty > 0) {
            try {
                Math.multiplyExact(unitPrice, qty);
            } catch (ArithmeticException e) {
                bad.add(new FieldViolation("qty", "unit_price × qty overflows int64"));
            }
        }
        return bad;
    }

    /**
     * What is wrong with a bill's lines taken together: none at all, or a total beyond int64; with
     * {@code distinctIds}, an id used twice. A null entry is a line already refused on its own: it
     * keeps its place (paths are {@code lines[i]}) and is otherwise skipped.
     */
    public static List<FieldViolation> bill(List<? extends Line> lines, boolean distinctIds) {
        List<FieldViolation> bad = new ArrayList<>(0);
        if (lines == null || lines.isEmpty()) {
            bad.add(new FieldViolation("lines", "a bill has at least one line"));
            return bad;
        }
        Set<String> ids = distinctIds ? new HashSet<>() : null;
        long total = 0;
        boolean overflow = false;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l == null) {
                continue;
            }
            if (ids != null && !ids.add(l.id())) {
                bad.add(new FieldViolation("lines[" + i + "].id", "repeats an earlier line's id " + l.id()));
            }
            if (!overflow) {
                try {
                    total = Math.addExact(total, l.amount());
                } catch (ArithmeticException e) {
                    overflow = true;
                    bad.add(new FieldViolation("lines[" + i + "].unit_price", "the bill's total overflows int64"));
                }
            }
        }
        return bad;
    }
}
