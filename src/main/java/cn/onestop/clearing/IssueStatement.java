package cn.onestop.clearing;

import cn.onestop.centre.ClearingType;
import cn.onestop.centre.MonthlyAdvance;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * 月结算单 (E §50): the statement of one institution's month, ready from the 1st of the next month
 * (once the last day is over), computed from the ledger the first time it is asked for, stored, and
 * from then on answered as issued. The advance ratio is the centre rules' in force on the month's
 * first day.
 */
public final class IssueStatement {
    private final Books books;
    private final Closes closes;
    private final AccountingCalendar calendar;
    private final Supplier<RuleBook> rules;

    IssueStatement(Books books, Closes closes, AccountingCalendar calendar, Supplier<RuleBook> rules) {
        this.books = books;
        this.closes = closes;
        this.calendar = calendar;
        this.rules = rules;
    }

    public Result<MonthStatement> statement(Caller caller, String institutionCode, YearMonth month) {
        Result<MonthStatement> bad = ClearingAccess.ownInstitutionOrReader(caller, institutionCode,
                "read a monthly statement");
        if (bad == null) {
            bad = new Checks(books).institution(institutionCode).required("setlym", month, "YYYYMM").refusal();
        }
        if (bad != null) {
            return bad;
        }
        Optional<MonthStatement> stored = closes.statement(institutionCode, month);
        if (stored.isPresent()) {
            return Result.ok(stored.get());
        }
        if (!calendar.isOver(month)) {
            return Result.failed(Reason.MONTH_NOT_OVER, "the statement of " + Months.setlym(month) + " is ready from "
                    + calendar.overAt(month.atEndOfMonth()));
        }
        return Result.ok(closes.keep(compute(institutionCode, month), caller));
    }

    private MonthStatement compute(String institutionCode, YearMonth month) {
        RuleBook book = rules.get();
        RuleTable table = book.centreTable(month.atDay(1));
        CentreRules centre = table == null ? null : table.sections().centre();
        Tally all = new Tally();
        Map<String, long[]> pool = new TreeMap<>();
        books.ofInstitution(institutionCode, calendar.start(month.atDay(1)), calendar.end(month.atEndOfMonth()), true,
                e -> {
                    all.add(e);
                    if (centre != null && e.clearing().type() == ClearingType.INPATIENT
                            && centre.advance(e.plan()) != null) {
                        pool.computeIfAbsent(e.plan(), k -> new long[1])[0] += e.hifpPay();
                    }
                });
        List<MonthStatement.PlanAdvance> advances = new ArrayList<>();
        if (centre != null) {
            for (Map.Entry<String, Param> a : centre.inpatientAdvance().entrySet()) {
                long sum = pool.containsKey(a.getKey()) ? pool.get(a.getKey())[0] : 0;
                advances.add(new MonthStatement.PlanAdvance(a.getKey(), MonthlyAdvance.of(sum, a.getValue())));
            }
        }
        return new MonthStatement(institutionCode, month, calendar.now().truncatedTo(ChronoUnit.MILLIS),
                all.settlements, all.reversals, all.medfee, all.fundPay, all.acctPay, all.cash, all.fundTotals(),
                advances, table == null ? null : table.id());
    }
}
