package cn.onestop.clearing;

import java.time.LocalDate;
import java.util.List;

/**
 * 对明细账: a list of settlements against the ledger's for an institution and a range of accounting
 * days. Every difference is listed, none held back; the rest matched.
 *
 * @param lines the other list's settlements
 * @param entries the ledger's settlements and reversals in the range
 */
public record DetailReconciliation(String institutionCode, LocalDate from, LocalDate to, DetailFile.Format source,
                                   long lines, long entries, long matched, List<Difference> differences) {
    public DetailReconciliation {
        differences = List.copyOf(differences);
    }

    public boolean balanced() {
        return differences.isEmpty();
    }
}
