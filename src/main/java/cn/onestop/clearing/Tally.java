package cn.onestop.clearing;

import java.util.Map;
import java.util.TreeMap;

/** Sums of entries: net count, the setlinfo totals, and per fund type a net count and amount. */
final class Tally {
    int settlements;
    int reversals;
    long medfee;
    long fundPay;
    long acctPay;
    long cash;
    final Map<String, long[]> funds = new TreeMap<>();

    void add(Entry e) {
        if (e.kind() == Entry.Kind.REVERSAL) {
            reversals++;
        } else {
            settlements++;
        }
        medfee += e.medfeeSumamt();
        fundPay += e.fundPaySumamt();
        acctPay += e.acctPay();
        cash += e.psnCashPay();
        Map<String, Boolean> seen = new TreeMap<>();
        for (FundAmount f : e.funds()) {
            long[] t = funds.computeIfAbsent(f.fundType(), k -> new long[2]);
            if (seen.put(f.fundType(), true) == null) {
                t[0] += e.sign(); // an entry counts once per fund type (the own and the family account are one)
            }
            t[1] += f.amount();
        }
    }

    int net() {
        return settlements - reversals;
    }

    java.util.List<FundTotal> fundTotals() {
        java.util.List<FundTotal> out = new java.util.ArrayList<>(funds.size());
        funds.forEach((type, t) -> out.add(new FundTotal(type, t[0], t[1])));
        return out;
    }
}
