package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Result;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 对总账 (3201): the centre's totals of an institution's accounting days {@code from..to} against the
 * ledger's. Each row answers balanced ({@code stmt_rslt} 0) or which figures differ and by how much
 * (1); a combination the ledger has and the centre does not is a row too. The outcome is kept: a
 * clearing application needs its month reconciled.
 */
public final class ReconcileTotals {
    private final Books books;
    private final Reconciliations reconciliations;
    private final AccountingCalendar calendar;

    ReconcileTotals(Books books, Reconciliations reconciliations, AccountingCalendar calendar) {
        this.books = books;
        this.reconciliations = reconciliations;
        this.calendar = calendar;
    }

    private record Key(InsuranceType insuranceType, ClearingType clearingType, ClearingCategory category)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = insuranceType.compareTo(o.insuranceType);
            c = c != 0 ? c : clearingType.compareTo(o.clearingType);
            return c != 0 ? c : category.compareTo(o.category);
        }

        @Override
        public String toString() {
            return "insutype " + insuranceType.code() + ", clr_type " + clearingType.code() + ", " + category;
        }
    }

    public Result<TotalsReconciliation> reconcile(Caller caller, String institutionCode, LocalDate from,
                                                  LocalDate to, List<CentreTotal> centre) {
        Result<TotalsReconciliation> bad = ClearingAccess.ownInstitution(caller, institutionCode,
                "reconcile totals");
        if (bad == null) {
            bad = new Checks(books).institution(institutionCode).range(from, to).refusal();
        }
        if (bad != null) {
            return bad;
        }
        Map<Key, Figures> theirs = new TreeMap<>();
        Map<Key, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < centre.size(); i++) {
            CentreTotal t = centre.get(i);
            Key k = new Key(t.insuranceType(), t.clearingType(), t.category());
            Integer first = firstRow.putIfAbsent(k, i);
            if (first != null) {
                return Result.invalid("rows[" + i + "]", "repeats rows[" + first + "] (" + k + ")");
            }
            theirs.put(k, t.figures());
        }
        Map<Key, long[]> ours = new TreeMap<>();
        books.totalsOf(institutionCode, calendar.start(from), calendar.end(to), g -> {
            long[] f = ours.computeIfAbsent(new Key(g.insuranceType(), g.clearingType(), g.category()),
                    k -> new long[4]);
            f[0] += g.medfeeSumamt();
            f[1] += g.fundPaySumamt();
            f[2] += g.acctPay();
            f[3] += g.settlements() - g.reversals();
        });
        TreeMap<Key, Boolean> keys = new TreeMap<>();
        theirs.keySet().forEach(k -> keys.put(k, true));
        ours.keySet().forEach(k -> keys.putIfAbsent(k, false));
        List<TotalsReconciliation.Row> rows = new ArrayList<>(keys.size());
        keys.forEach((k, inCentre) -> {
            long[] f = ours.get(k);
            Figures here = f == null ? Figures.ZERO : new Figures(f[0], f[1], f[2], f[3]);
            Figures there = theirs.getOrDefault(k, Figures.ZERO);
            String diff = there.differences(here);
            String description = diff.isEmpty() ? "balanced"
                    : (inCentre ? "" : "not in the centre's figures: ") + diff;
            if (!inCentre && diff.isEmpty()) {
                return; // a settlement and its reversal in the range: nothing to reconcile
            }
            rows.add(new TotalsReconciliation.Row(k.insuranceType(), k.clearingType(), k.category(), there, here,
                    inCentre, description));
        });
        java.time.Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        TotalsReconciliation r = new TotalsReconciliation(Ids.next('T', now.toEpochMilli()), institutionCode, from, to,
                calendar.isOver(to), now, rows);
        reconciliations.keep(r, caller);
        return Result.ok(r);
    }
}
