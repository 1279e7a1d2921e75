package cn.onestop.clearing;

import cn.onestop.centre.ClearingType;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;

/**
 * 清算申请 (3203): an institution's claim for one month and clearing type: the net count
 * ({@code psntime}), the totals, and the fund declared ({@code fund_appy_sum}, the funds' total).
 * Withdrawable (3204) until the centre accepts it.
 *
 * @param withdrawnAt when withdrawn, or null; {@code acceptedAt} when accepted, or null
 */
public record ClearingApplication(String applicationId, String institutionCode, ClearingType clearingType,
                                  YearMonth month, Status status, int settlements, int reversals, long medfeeSumamt,
                                  long fundAppySum, long acctPay, long psnCashPay, Instant appliedAt,
                                  Instant withdrawnAt, Instant acceptedAt) {
    public ClearingApplication {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(clearingType, "clearingType");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    public enum Status { APPLIED, WITHDRAWN, ACCEPTED }

    public int net() {
        return settlements - reversals;
    }
}
