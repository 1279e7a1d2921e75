package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A remote-settlement clearing node's side (异地清分): it lists an insured region's month of
 * cross-region settlements and reversals (3260, {@value #PAGE} rows a page), confirms the month's
 * extract row by row once the month is over (3261), and rolls a confirmation back (3262). A month
 * whose every row is confirmed is fixed until rolled back: nothing can land in a month that is over,
 * and confirmations change only by a rollback. A node sees only the regions it serves.
 */
public final class ClearingNode {
    /** Rows a page. */
    public static final int PAGE = 100;

    private final Books books;
    private final Confirmations confirmations;
    private final AccountingCalendar calendar;

    ClearingNode(Books books, Confirmations confirmations, AccountingCalendar calendar) {
        this.books = books;
        this.confirmations = confirmations;
        this.calendar = calendar;
    }

    /** What a confirmation did. */
    public record Confirmed(AdminDivision region, YearMonth month, int total, int confirmedNow, int confirmed,
                            ClearingPage.MonthStatus status) {
    }

    /** 3260: rows {@code startRow..startRow + 99} of the region's month. */
    public Result<ClearingPage> list(Caller caller, String region, YearMonth month, int startRow) {
        Result<ClearingPage> bad = scope(caller, region, month,
                c -> c.unless(startRow >= 1, "startrow", "starts at 1, got " + startRow));
        if (bad != null) {
            return bad;
        }
        AdminDivision r = new AdminDivision(region);
        List<Entry> extract = extract(r, month);
        Map<String, Long> confirmed = confirmations.confirmed(r, month);
        List<ClearingPage.Row> rows = new ArrayList<>(PAGE);
        for (int i = startRow - 1; i < extract.size() && rows.size() < PAGE; i++) {
            Entry e = extract.get(i);
            rows.add(new ClearingPage.Row(i + 1, e, confirmed.containsKey(e.setlId())));
        }
        return Result.ok(new ClearingPage(r, month, extract.size(), startRow, rows, confirmed.size(),
                ClearingPage.MonthStatus.of(confirmed.size(), extract.size())));
    }

    /** 3261: confirms rows of a month that is over; nothing is written when any row is wrong. */
    public Result<Confirmed> confirm(Caller caller, String region, YearMonth month,
                                     List<Confirmations.RowConfirmation> rows) {
        Result<Confirmed> bad = scope(caller, region, month,
                c -> c.unless(!rows.isEmpty(), "rows", "name at least one row to confirm"));
        if (bad != null) {
            return bad;
        }
        if (!calendar.isOver(month)) {
            return Result.failed(Reason.MONTH_NOT_OVER, "the extract of " + Months.setlym(month) + " can be confirmed "
                    + "from " + calendar.overAt(month.atEndOfMonth()) + ", when nothing can land in it any more");
        }
        AdminDivision r = new AdminDivision(region);
        Map<String, Entry> extract = new LinkedHashMap<>();
        for (Entry e : extract(r, month)) {
            extract.put(e.setlId(), e);
        }
        List<FieldViolation> wrong = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Confirmations.RowConfirmation c = rows.get(i);
            Entry e = extract.get(c.setlId());
            Integer first = seen.putIfAbsent(c.setlId(), i);
            if (first != null) {
                wrong.add(new FieldViolation("rows[" + i + "].setl_id", "repeats rows[" + first + "]"));
            } else if (e == null) {
                wrong.add(new FieldViolation("rows[" + i + "].setl_id", c.setlId() + " is not a row of "
                        + region + "'s extract of " + Months.setlym(month)));
            } else if (e.fundPaySumamt() != c.fundPaySumamt()) {
                wrong.add(new FieldViolation("rows[" + i + "].fund_pay_sumamt", "is " + c.fundPaySumamt()
                        + ", the extract's row " + c.setlId() + " is " + e.fundPaySumamt()));
            }
        }
        if (!wrong.isEmpty()) {
            return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, wrong.size() + " row(s) do not match the "
                    + "extract; nothing was confirmed", wrong));
        }
        Map<String, Long> before = confirmations.confirmed(r, month);
        List<Confirmations.RowConfirmation> fresh = rows.stream().filter(c -> !before.containsKey(c.setlId())).toList();
        if (!fresh.isEmpty()) {
            confirmations.confirm(r, month, fresh, calendar.now().truncatedTo(ChronoUnit.MILLIS),
                    caller);
        }
        int confirmed = before.size() + fresh.size();
        return Result.ok(new Confirmed(r, month, extract.size(), fresh.size(), confirmed,
                ClearingPage.MonthStatus.of(confirmed, extract.size())));
    }

    /** 3262: rolls back every confirmation of the month; answers how many rows were confirmed. */
    public Result<Integer> rollback(Caller caller, String region, YearMonth month, String reason) {
        Result<Integer> bad = scope(caller, region, month, c -> c);
        if (bad != null) {
            return bad;
        }
        String why = reason == null ? "" : reason;
        int n = confirmations.rollback(new AdminDivision(region), month, why,
                calendar.now().truncatedTo(ChronoUnit.MILLIS), caller);
        if (n == 0) {
            return Result.failed(Reason.NOT_CONFIRMED, "nothing of " + region + "'s " + Months.setlym(month)
                    + " is confirmed");
        }
        return Result.ok(n);
    }

    /** Who may act for the region, and whether the region, the month and what {@code more} checks are right. */
    private <T> Result<T> scope(Caller caller, String region, YearMonth month,
                                java.util.function.UnaryOperator<Checks> more) {
        Result<NodeScope> node = ClearingAccess.node(caller);
        if (node instanceof Result.Failed<NodeScope> f) {
            return new Result.Failed<>(f.failure());
        }
        NodeScope scope = node.value();
        Result<T> bad = more.apply(new Checks(books).region("insuplc_admdvs", region)
                .required("setlym", month, "YYYYMM")).refusal();
        if (bad != null) {
            return bad;
        }
        if (!scope.serves(new AdminDivision(region))) {
            return Result.failed(Reason.REGION_NOT_SERVED, "this clearing node does not serve insured region " + region);
        }
        return null;
    }

    /** The month's extract, in the order committed. */
    private List<Entry> extract(AdminDivision region, YearMonth month) {
        List<Entry> out = new ArrayList<>();
        books.crossRegionOf(region, calendar.start(month.atDay(1)), calendar.end(month.atEndOfMonth()), out::add);
        out.sort(Comparator.comparing(Entry::at).thenComparing(Entry::setlId));
        return out;
    }
}
