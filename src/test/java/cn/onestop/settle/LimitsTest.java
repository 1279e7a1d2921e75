package cn.onestop.settle;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.parse.RuleFiles;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static cn.onestop.settle.UseCaseFixture.AS_HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.voucher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounds of a bill, enforced by the use cases themselves — for every front — before anything is
 * read: the ports here fail the test if they are touched.
 */
class LimitsTest {
    /** 2025-03-11 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-11T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    /** Use cases over ports that must not be reached. */
    static UseCases untouchable(Limits limits) {
        return UseCases.over(untouched(Directory.class), untouched(BillClassifier.class), untouched(LedgerStore.class),
                RuleFiles::loadBundled, CLOCK, limits);
    }

    @SuppressWarnings("unchecked")
    static <T> T untouched(Class<T> port) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            throw new AssertionError(port.getSimpleName() + "." + method.getName() + " was called");
        });
    }

    static SettleCommand command(int days, LocalDate date, List<ItemLine> lines) {
        return new SettleCommand(HOSPITAL, "m-1", voucher("P1"), null, date,
                new Visit(VisitType.INPATIENT, Filing.LOCAL, false, days), lines, null, null);
    }

    static List<ItemLine> lines(int n, long unitPrice, long qty) {
        List<ItemLine> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ItemLine.of(BillLine.of("l" + i, Category.A, unitPrice, qty)));
        }
        return out;
    }

    static List<String> refusedFields(Result<?> r) {
        assertTrue(r instanceof Result.Failed<?>, "refused: " + r);
        Result.Failed<?> f = (Result.Failed<?>) r;
        assertEquals(Reason.INVALID_ARGUMENT, f.failure().reason());
        return f.failure().violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void settleAndPreSettleRefuseEveryBoundBeforeAnyRead() {
        UseCases u = untouchable(Limits.DEFAULTS);
        List<ItemLine> l = new ArrayList<>(lines(2, 100, 1));
        l.add(ItemLine.of(BillLine.of("gold", Category.A, 200_000_001, 1)));
        l.add(ItemLine.of(BillLine.of("many", Category.A, 1, 100_001)));
        SettleCommand cmd = command(Integer.MAX_VALUE, LocalDate.of(1999, 12, 31), l);
        List<String> expected = List.of("settle_date", "visit.days", "lines[2].unit_price", "lines[3].qty");
        assertEquals(expected, refusedFields(u.settle().settle(AS_HOSPITAL, cmd, Deadline.after(Duration.ofSeconds(5)))));
        assertEquals(expected, refusedFields(u.preSettle().preSettle(AS_HOSPITAL, cmd)));
    }

    @Test
    void aBillOfTooManyLinesOrTooLargeATotalIsRefusedAsABill() {
        UseCases u = untouchable(Limits.DEFAULTS.withMaxLines(100).withMaxBillTotalFen(10_000));
        Deadline d = Deadline.after(Duration.ofSeconds(5));
        assertEquals(List.of("lines"), refusedFields(u.settle().settle(AS_HOSPITAL,
                command(1, LocalDate.of(2025, 3, 10), lines(101, 1, 1)), d)));
        assertEquals(List.of("lines"), refusedFields(u.settle().settle(AS_HOSPITAL,
                command(1, LocalDate.of(2025, 3, 10), lines(2, 5_001, 1)), d)));
    }

    @Test
    void theLatestDateIsTomorrowInTheGatewaysZone() {
        UseCases u = untouchable(Limits.DEFAULTS);
        // 2025-03-11 in Shanghai (still 03-11 in UTC too, 02:00): 03-12 passes the bounds (and reaches a port)
        assertThrows(AssertionError.class, () -> u.preSettle().preSettle(AS_HOSPITAL,
                command(0, LocalDate.of(2025, 3, 12), lines(1, 1, 1))));
        assertEquals(List.of("settle_date"), refusedFields(u.preSettle().preSettle(AS_HOSPITAL,
                command(0, LocalDate.of(2025, 3, 13), lines(1, 1, 1)))));
        // within every bound: the use case goes on to read (here, a port that fails the test)
        AssertionError reached = assertThrows(AssertionError.class, () -> u.settle().settle(AS_HOSPITAL,
                command(366, LocalDate.of(2000, 1, 1), lines(3, 200_000_000, 1)), Deadline.after(Duration.ofSeconds(5))));
        assertTrue(reached.getMessage().contains("was called"), reached.getMessage());
    }

    @Test
    void listingDatesAreBoundedToo() {
        UseCases u = untouchable(Limits.DEFAULTS);
        Result<SettlementPage> r = u.reads().list(UseCaseFixture.AS_HOSPITAL, HOSPITAL, LocalDate.of(1999, 1, 1),
                LocalDate.of(1999, 12, 31), 10, java.util.Optional.empty());
        assertEquals(List.of("from_date", "to_date"), refusedFields(r));
    }

    @Test
    void theLimitsThemselvesStayBelowWhatTheArithmeticAndTheColumnsHold() {
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULTS.withMaxBillTotalFen(Limits.AMOUNT_CEILING + 1));
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULTS.withMaxLines(Limits.LINES_CEILING + 1));
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULTS.withMaxDays(0));
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULTS.withEarliestDate(LocalDate.of(1899, 12, 31)));
        // the largest bill the ceilings allow, at a ratio of 100%, is still far from overflow
        assertTrue(Math.multiplyHigh(Limits.AMOUNT_CEILING, 10_000L) == 0);
        assertEquals(Long.MAX_VALUE, Limits.saturatingMultiply(Long.MAX_VALUE, 2));
        assertEquals(Long.MAX_VALUE, Limits.saturatingAdd(Long.MAX_VALUE, 1));
        assertEquals(6, Limits.saturatingMultiply(2, 3));
    }
}
