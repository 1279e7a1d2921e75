package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;

import java.util.Objects;

/**
 * The settlements and reversals of one insurance type × clearing type × clearing category in a range,
 * summed by the database: counts, and the setlinfo totals net of the reversals, fen.
 */
public record GroupTotal(InsuranceType insuranceType, ClearingType clearingType, ClearingCategory category,
                         int settlements, int reversals, long medfeeSumamt, long fundPaySumamt, long acctPay,
                         long psnCashPay) {
    public GroupTotal {
        Objects.requireNonNull(insuranceType, "insuranceType");
        Objects.requireNonNull(clearingType, "clearingType");
        Objects.requireNonNull(category, "category");
    }
}
