package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * 对总账 (3201): the centre's totals for one institution and a range of accounting days against the
 * ledger's, per insurance type × clearing type × clearing category; one row for every combination
 * either side has.
 *
 * @param complete whether every day of the range was over when it was made (its figures can no longer move)
 */
public record TotalsReconciliation(String reconciliationId, String institutionCode, LocalDate from, LocalDate to,
                                   boolean complete, Instant at, List<Row> rows) {
    public TotalsReconciliation {
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(institutionCode, "institutionCode");
        rows = List.copyOf(rows);
    }

    /**
     * One combination: the centre's figures (zero when the centre has none), the ledger's, and the
     * national result {@code stmt_rslt} (0 balanced, 1 not) with its description {@code stmt_rslt_dscr}.
     */
    public record Row(InsuranceType insuranceType, ClearingType clearingType, ClearingCategory category,
                      Figures centre, Figures here, boolean inCentre, String description) {
        public boolean balanced() {
            return centre.equals(here);
        }

        public String stmtRslt() {
            return balanced() ? "0" : "1";
        }
    }

    /** Whether every row balances. */
    public boolean balanced() {
        return rows.stream().allMatch(Row::balanced);
    }
}
