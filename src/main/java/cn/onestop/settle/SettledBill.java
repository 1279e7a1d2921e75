package cn.onestop.settle;

import cn.onestop.engine.Settlement;
import cn.onestop.engine.Warning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bill as split: the engine's settlement for the plan and date, with what the catalog said about
 * its coded lines.
 *
 * @param catalogWarnings {@code UNKNOWN_ITEM_CODE:<code>}, {@code CATEGORY_FROM_CATALOG:<line>}
 * @param catalogVersion the catalog version that classified coded lines, or null when none did
 */
public record SettledBill(String plan, LocalDate settleDate, Settlement split, List<String> catalogWarnings,
                          String catalogVersion) {
    public SettledBill {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(settleDate, "settleDate");
        Objects.requireNonNull(split, "split");
        catalogWarnings = List.copyOf(catalogWarnings);
    }

    /** Every warning, the engine's first, then the catalog's. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(split.warnings().size() + catalogWarnings.size());
        for (Warning w : split.warnings()) {
            out.add(w.name());
        }
        out.addAll(catalogWarnings);
        return out;
    }
}
