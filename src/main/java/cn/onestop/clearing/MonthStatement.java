package cn.onestop.clearing;

import cn.onestop.centre.MonthlyAdvance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * 月结算单 (E §50): one institution's month, issued once the month is over and fixed from then on.
 * Per fund the net count and amount (reversals netted in the month they were made); of the general
 * inpatient pool spending of each plan that advances it, the part advanced now and the part withheld
 * until the year-end assessment (E §61); every other fund is paid in full.
 *
 * @param funds per fund type, including the personal account (310200)
 * @param centreRules the version of the centre rules the advance was taken from, or null when none was in force
 */
public record MonthStatement(String institutionCode, YearMonth month, Instant issuedAt, int settlements,
                             int reversals, long medfeeSumamt, long fundPaySumamt, long acctPay, long psnCashPay,
                             List<FundTotal> funds, List<PlanAdvance> advances, String centreRules) {
    public MonthStatement {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(issuedAt, "issuedAt");
        funds = funds.stream().sorted(Comparator.comparing(FundTotal::fundType)).toList();
        advances = advances.stream().sorted(Comparator.comparing(PlanAdvance::plan)).toList();
    }

    /** The E §50 advance on one plan's general inpatient pool spending (clearing type 21, hifp_pay). */
    public record PlanAdvance(String plan, MonthlyAdvance advance) {
        public PlanAdvance {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(advance, "advance");
        }
    }

    /** What is withheld until the year-end assessment. */
    public long withheld() {
        return advances.stream().mapToLong(a -> a.advance().withheld()).sum();
    }

    /** What the centre pays with this statement: every fund (the personal account included) less what it withholds. */
    public long payable() {
        return fundPaySumamt + acctPay - withheld();
    }

    /** The national settlement month, {@code YYYYMM}. */
    public String setlym() {
        return Months.setlym(month);
    }
}
