package cn.onestop.clearing;

import cn.onestop.kernel.Caller;

import java.time.YearMonth;

/** Port: the totals reconciliations made, kept so a clearing application can require a balanced month. */
public interface Reconciliations {
    void keep(TotalsReconciliation r, Caller by);

    /** Whether a complete, balanced reconciliation of exactly {@code month} (1st to last day) was made. */
    boolean balancedMonth(String institutionCode, YearMonth month);
}
