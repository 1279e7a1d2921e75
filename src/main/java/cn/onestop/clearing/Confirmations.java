package cn.onestop.clearing;

import cn.onestop.kernel.Caller;

import cn.onestop.centre.AdminDivision;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** Port: a clearing node's confirmations of its regions' monthly extracts (3261), and their rollback (3262). */
public interface Confirmations {
    /** The confirmed rows of a region's month: setl_id → the fund_pay_sumamt confirmed. */
    Map<String, Long> confirmed(AdminDivision region, YearMonth month);

    /** Records rows as confirmed (a row confirmed already stays as it was). */
    void confirm(AdminDivision region, YearMonth month, List<RowConfirmation> rows, Instant at, Caller by);

    /** Removes every confirmation of the month; answers how many there were. */
    int rollback(AdminDivision region, YearMonth month, String reason, Instant at, Caller by);

    /** One row a node confirms: the entry and the fund total it agrees to. */
    record RowConfirmation(String setlId, long fundPaySumamt) {
    }
}
