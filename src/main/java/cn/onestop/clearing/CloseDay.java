package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * 日结: closes one institution's accounting day once it is over. The close is computed from the
 * ledger (read-only) and stored; closing again answers the stored close. A reversal made after the
 * close lands in the day it is made; a settlement dated in a closed day lands in today's open day,
 * because days are the days things were committed.
 */
public final class CloseDay {
    private final Books books;
    private final Closes closes;
    private final AccountingCalendar calendar;

    CloseDay(Books books, Closes closes, AccountingCalendar calendar) {
        this.books = books;
        this.closes = closes;
        this.calendar = calendar;
    }

    public Result<DayClose> close(Caller caller, String institutionCode, LocalDate day) {
        Result<DayClose> bad = ClearingAccess.ownInstitution(caller, institutionCode, "close an accounting day");
        if (bad == null) {
            bad = new Checks(books).institution(institutionCode).required("day", day, "YYYY-MM-DD").refusal();
        }
        if (bad != null) {
            return bad;
        }
        Optional<DayClose> stored = closes.dayClose(institutionCode, day);
        if (stored.isPresent()) {
            return Result.ok(stored.get());
        }
        if (!calendar.isOver(day)) {
            return Result.failed(Reason.DAY_NOT_OVER, "accounting day " + day + " of " + institutionCode
                    + " can be closed from " + calendar.overAt(day) + " (the next midnight, "
                    + calendar.zone() + ", and the grace for transactions still in flight)");
        }
        DayClose close = compute(institutionCode, day);
        return Result.ok(closes.keep(close, caller));
    }

    /** A stored close, if the day is closed. */
    public Optional<DayClose> find(String institutionCode, LocalDate day) {
        return closes.dayClose(institutionCode, day);
    }

    private record Key(InsuranceType insuranceType, ClearingType clearingType, ClearingCategory category)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = insuranceType.compareTo(o.insuranceType);
            c = c != 0 ? c : clearingType.compareTo(o.clearingType);
            return c != 0 ? c : category.compareTo(o.category);
        }
    }

    private DayClose compute(String institutionCode, LocalDate day) {
        Map<Key, Tally> groups = new TreeMap<>();
        Tally all = new Tally();
        books.ofInstitution(institutionCode, calendar.start(day), calendar.end(day), true, e -> {
            groups.computeIfAbsent(new Key(e.clearing().insuranceType(), e.clearing().type(),
                    e.clearing().category()), k -> new Tally()).add(e);
            all.add(e);
        });
        List<DayClose.Group> out = new ArrayList<>(groups.size());
        groups.forEach((k, t) -> out.add(new DayClose.Group(k.insuranceType(), k.clearingType(), k.category(),
                t.settlements, t.reversals, t.medfee, t.fundPay, t.acctPay, t.cash, t.fundTotals())));
        return new DayClose(institutionCode, day, calendar.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                all.settlements, all.reversals, out);
    }
}
