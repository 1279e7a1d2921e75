package cn.onestop.settle;

import cn.onestop.request.BillLine;
import cn.onestop.request.ItemLine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Port: the medical catalogs (三目录) that classify a bill's coded lines. */
public interface BillClassifier {
    /**
     * The lines classified with the catalog version of {@code region} in force on {@code date}
     * (就医地目录); empty when no version is in force there and then.
     */
    Optional<Classification> classify(String region, LocalDate date, List<ItemLine> lines);

    /**
     * A classified bill.
     *
     * @param warnings {@code UNKNOWN_ITEM_CODE:<code>} and {@code CATEGORY_FROM_CATALOG:<line>}
     * @param catalogVersion the version used, or null when no line needed one
     */
    record Classification(List<BillLine> lines, List<String> warnings, String catalogVersion) {
        public Classification {
            lines = List.copyOf(lines);
            warnings = List.copyOf(warnings);
        }

        /** A bill none of whose lines is coded: each line as it was sent. */
        public static Classification uncoded(List<ItemLine> lines) {
            return new Classification(lines.stream().map(ItemLine::asBillLine).toList(), List.of(), null);
        }
    }
}
