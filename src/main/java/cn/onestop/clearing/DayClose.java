package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * 日结: one institution's accounting day, frozen when it was closed: its settlements and reversals
 * by insurance type × clearing type × clearing category, each with its counts, the setlinfo totals
 * and the totals of every fund (reversals netted in the day they were made).
 */
public record DayClose(String institutionCode, LocalDate day, Instant closedAt, int settlements, int reversals,
                       List<Group> groups) {
    public DayClose {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(closedAt, "closedAt");
        groups = groups.stream().sorted(Group.ORDER).toList();
    }

    /**
     * One insurance type × clearing type × clearing category of the day.
     *
     * @param settlements settlements made that day; {@code reversals} reversals made that day
     */
    public record Group(InsuranceType insuranceType, ClearingType clearingType, ClearingCategory category,
                        int settlements, int reversals, long medfeeSumamt, long fundPaySumamt, long acctPay,
                        long psnCashPay, List<FundTotal> funds) {
        static final Comparator<Group> ORDER = Comparator.comparing(Group::insuranceType)
                .thenComparing(Group::clearingType).thenComparing(Group::category);

        public Group {
            Objects.requireNonNull(insuranceType, "insuranceType");
            Objects.requireNonNull(clearingType, "clearingType");
            Objects.requireNonNull(category, "category");
            funds = funds.stream().sorted(Comparator.comparing(FundTotal::fundType)).toList();
        }

        /** Settlements less reversals. */
        public int net() {
            return settlements - reversals;
        }
    }
}
