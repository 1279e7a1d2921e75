package cn.onestop.clearing;

import cn.onestop.centre.ClearingType;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * 清算申请 / 撤销 (3203 / 3204): an institution applies for a month's clearing of one clearing type
 * once the month is over and its totals reconcile (a complete, balanced totals reconciliation of the
 * whole month); the figures are the ledger's. Applying again answers the live application; it can be
 * withdrawn until the centre accepts it.
 */
public final class ClearingApplications {
    private final Books books;
    private final Reconciliations reconciliations;
    private final Applications applications;
    private final AccountingCalendar calendar;

    ClearingApplications(Books books, Reconciliations reconciliations, Applications applications,
                         AccountingCalendar calendar) {
        this.books = books;
        this.reconciliations = reconciliations;
        this.applications = applications;
        this.calendar = calendar;
    }

    public Result<ClearingApplication> apply(Caller caller, String institutionCode, String clearingType,
                                             YearMonth month) {
        Result<ClearingApplication> bad = ClearingAccess.ownInstitution(caller, institutionCode,
                "apply for clearing");
        if (bad != null) {
            return bad;
        }
        Optional<ClearingType> type = ClearingType.ofCode(clearingType);
        bad = new Checks(books).institution(institutionCode)
                .unless(type.isPresent(), "clr_type", "must be 11 (outpatient), 21 (inpatient) or 41 (pharmacy), "
                        + "got \"" + clearingType + "\"")
                .required("setlym", month, "YYYYMM").refusal();
        if (bad != null) {
            return bad;
        }
        Optional<ClearingApplication> live = applications.live(institutionCode, type.get(), month);
        if (live.isPresent()) {
            return Result.ok(live.get());
        }
        if (!calendar.isOver(month)) {
            return Result.failed(Reason.MONTH_NOT_OVER, Months.setlym(month) + " is not over: apply from "
                    + calendar.overAt(month.atEndOfMonth()));
        }
        if (!reconciliations.balancedMonth(institutionCode, month)) {
            return Result.failed(Reason.NOT_RECONCILED, "the totals of " + Months.setlym(month) + " at "
                    + institutionCode + " have not reconciled: reconcile " + month.atDay(1) + ".." + month.atEndOfMonth()
                    + " with the centre's figures first (every row balanced)");
        }
        long[] t = new long[6]; // settlements, reversals, medfee, fund, account, cash of the type, every category
        books.totalsOf(institutionCode, calendar.start(month.atDay(1)), calendar.end(month.atEndOfMonth()), g -> {
            if (g.clearingType() == type.get()) {
                t[0] += g.settlements();
                t[1] += g.reversals();
                t[2] += g.medfeeSumamt();
                t[3] += g.fundPaySumamt();
                t[4] += g.acctPay();
                t[5] += g.psnCashPay();
            }
        });
        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        ClearingApplication a = new ClearingApplication(Ids.next('A', now.toEpochMilli()), institutionCode,
                type.get(), month, ClearingApplication.Status.APPLIED, (int) t[0], (int) t[1], t[2], t[3], t[4], t[5],
                now, null, null);
        return Result.ok(applications.insert(a, caller));
    }

    /** 3204: withdraws an application the centre has not accepted; withdrawing again answers the same. */
    public Result<ClearingApplication> withdraw(Caller caller, String applicationId) {
        Result<ClearingApplication> denied = ClearingAccess.ownInstitution(caller, null,
                "withdraw a clearing application");
        if (denied != null) {
            return denied;
        }
        if (applicationId != null && !applicationId.isBlank() && applications.find(applicationId)
                .filter(a -> !a.institutionCode().equals(caller.institutionCode())).isPresent()) {
            return notFound(applicationId); // another institution's application answers as an unknown one
        }
        return move(caller, applicationId, ClearingApplication.Status.APPLIED,
                ClearingApplication.Status.WITHDRAWN);
    }


    /** The centre accepts an application; accepting again answers the same. */
    public Result<ClearingApplication> accept(Caller caller, String applicationId) {
        Result<ClearingApplication> denied = ClearingAccess.centre(caller, "accept a clearing application");
        return denied != null ? denied : move(caller, applicationId,
                ClearingApplication.Status.APPLIED, ClearingApplication.Status.ACCEPTED);
    }

    private static Result<ClearingApplication> notFound(String id) {
        return Result.failed(Reason.APPLICATION_NOT_FOUND, "no clearing application " + id);
    }

    private Result<ClearingApplication> move(Caller caller, String id, ClearingApplication.Status from,
                                             ClearingApplication.Status to) {
        if (id == null || id.isBlank()) {
            return Result.invalid("application_id", "is required");
        }
        Optional<ClearingApplication> after = applications.move(id, from, to, calendar.now()
                .truncatedTo(ChronoUnit.MILLIS), caller);
        if (after.isEmpty()) {
            return notFound(id);
        }
        ClearingApplication a = after.get();
        if (a.status() == to) {
            return Result.ok(a);
        }
        return a.status() == ClearingApplication.Status.ACCEPTED
                ? Result.failed(Reason.APPLICATION_ACCEPTED, "application " + id + " was accepted by the centre")
                : Result.failed(Reason.APPLICATION_WITHDRAWN, "application " + id + " was withdrawn");
    }
}
