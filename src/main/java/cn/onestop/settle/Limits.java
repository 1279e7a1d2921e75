package cn.onestop.settle;

import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.request.ItemLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Operational bounds of a bill, beyond which a request is refused (INVALID_ARGUMENT naming each
 * field) before anything is read or written. They keep every amount the engine forms, and every
 * column a settlement writes, far from overflow and from the columns' sizes; the ceilings below are
 * what those require, whatever is configured.
 *
 * @param maxUnitPriceFen the largest {@code unit_price} of a line, fen
 * @param maxQty the largest {@code qty} of a line
 * @param maxDays the largest {@code visit.days} (the meal allowance is paid per day)
 * @param maxLines the most lines of one bill
 * @param maxBillTotalFen the largest sum of {@code unit_price × qty} over a bill, fen
 * @param earliestDate the earliest settle date (and list date) accepted; the latest is tomorrow
 */
public record Limits(long maxUnitPriceFen, long maxQty, int maxDays, int maxLines, long maxBillTotalFen,
                     LocalDate earliestDate) {
    /** Ceiling of every amount bound: times a ratio (≤ 10000 bp) it is 10^18, below 2^63 (9.2 × 10^18). */
    public static final long AMOUNT_CEILING = 100_000_000_000_000L; // 1 × 10^14 fen = 1 trillion yuan
    /** Ceiling of the line count: the stored input of the largest bill stays far below its column (16 MB). */
    public static final int LINES_CEILING = 50_000;
    /** Ceiling of {@code visit.days}: 100 years. */
    public static final int DAYS_CEILING = 36_600;
    /** Floor of the earliest date. */
    public static final LocalDate EARLIEST_FLOOR = LocalDate.of(1900, 1, 1);

    /** 2,000,000.00 yuan a unit, 100,000 units a line, 366 days, 10,000 lines, 10,000,000.00 yuan a bill, from 2000. */
    public static final Limits DEFAULTS = new Limits(200_000_000L, 100_000L, 366, 10_000, 1_000_000_000L,
            LocalDate.of(2000, 1, 1));

    public Limits {
        Objects.requireNonNull(earliestDate, "earliestDate");
        if (maxUnitPriceFen < 1 || maxUnitPriceFen > AMOUNT_CEILING) {
            throw new IllegalArgumentException("max unit price must be 1.." + AMOUNT_CEILING + " fen");
        }
        if (maxQty < 1 || maxQty > AMOUNT_CEILING) {
            throw new IllegalArgumentException("max qty must be 1.." + AMOUNT_CEILING);
        }
        if (maxDays < 1 || maxDays > DAYS_CEILING) {
            throw new IllegalArgumentException("max days must be 1.." + DAYS_CEILING);
        }
        if (maxLines < 1 || maxLines > LINES_CEILING) {
            throw new IllegalArgumentException("max lines must be 1.." + LINES_CEILING);
        }
        if (maxBillTotalFen < 1 || maxBillTotalFen > AMOUNT_CEILING) {
            throw new IllegalArgumentException("max bill total must be 1.." + AMOUNT_CEILING + " fen");
        }
        if (earliestDate.isBefore(EARLIEST_FLOOR)) {
            throw new IllegalArgumentException("the earliest date must be " + EARLIEST_FLOOR + " or later");
        }
    }

    public Limits withMaxUnitPriceFen(long v) {
        return new Limits(v, maxQty, maxDays, maxLines, maxBillTotalFen, earliestDate);
    }

    public Limits withMaxQty(long v) {
        return new Limits(maxUnitPriceFen, v, maxDays, maxLines, maxBillTotalFen, earliestDate);
    }

    public Limits withMaxDays(int v) {
        return new Limits(maxUnitPriceFen, maxQty, v, maxLines, maxBillTotalFen, earliestDate);
    }

    public Limits withMaxLines(int v) {
        return new Limits(maxUnitPriceFen, maxQty, maxDays, v, maxBillTotalFen, earliestDate);
    }

    public Limits withMaxBillTotalFen(long v) {
        return new Limits(maxUnitPriceFen, maxQty, maxDays, maxLines, v, earliestDate);
    }

    public Limits withEarliestDate(LocalDate d) {
        return new Limits(maxUnitPriceFen, maxQty, maxDays, maxLines, maxBillTotalFen, d);
    }

    /** The latest date accepted when today is {@code today}: tomorrow (a counter across midnight, a clock ahead). */
    public static LocalDate latestDate(LocalDate today) {
        return today.plusDays(1);
    }

    /** Every bound the command exceeds, by field; empty when it is within all of them. */
    public List<FieldViolation> check(SettleCommand cmd, LocalDate today) {
        List<FieldViolation> bad = new ArrayList<>(0);
        date(bad, "settle_date", cmd.settleDate(), today);
        days(bad, cmd.visit().days());
        lineCount(bad, cmd.lines().size());
        long total = 0;
        for (int i = 0; i < cmd.lines().size(); i++) {
            ItemLine l = cmd.lines().get(i);
            line(bad, "lines[" + i + "]", l.unitPrice(), l.qty());
            total = saturatingAdd(total, l.amount());
        }
        total(bad, total);
        return bad;
    }

    /** The refusal of a command beyond a bound (INVALID_ARGUMENT naming every field), or empty. */
    public Optional<Failure> refusal(SettleCommand cmd, LocalDate today) {
        List<FieldViolation> bad = check(cmd, today);
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Failure(Reason.INVALID_ARGUMENT, "beyond the gateway's limits: "
                + bad.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")), bad));
    }

    /** A date out of {@code earliestDate..tomorrow}. */
    public void date(List<FieldViolation> bad, String field, LocalDate date, LocalDate today) {
        if (date.isBefore(earliestDate)) {
            bad.add(new FieldViolation(field, "is before " + earliestDate + ", the earliest date accepted: " + date));
        } else if (date.isAfter(latestDate(today))) {
            bad.add(new FieldViolation(field, "is in the future: " + date));
        }
    }

    /**
     * The dates of a listing: {@code from_date} in {@code earliestDate..tomorrow}, {@code to_date} not
     * before {@code earliestDate} (a later one is harmless: no settlement is dated after tomorrow).
     */
    public void listDates(List<FieldViolation> bad, LocalDate from, LocalDate to, LocalDate today) {
        date(bad, "from_date", from, today);
        if (to.isBefore(earliestDate)) {
            bad.add(new FieldViolation("to_date", "is before " + earliestDate + ", the earliest date accepted: " + to));
        }
    }

    /** {@code visit.days} above its bound. */
    public void days(List<FieldViolation> bad, long days) {
        if (days > maxDays) {
            bad.add(new FieldViolation("visit.days", "must be at most " + maxDays + " days, got " + days));
        }
    }

    /** A bill of more lines than its bound. */
    public void lineCount(List<FieldViolation> bad, int lines) {
        if (lines > maxLines) {
            bad.add(new FieldViolation("lines", "a bill has at most " + maxLines + " lines, got " + lines));
        }
    }

    /** One line's price and quantity above their bounds ({@code path} is {@code lines[i]}). */
    public void line(List<FieldViolation> bad, String path, long unitPrice, long qty) {
        if (unitPrice > maxUnitPriceFen) {
            bad.add(new FieldViolation(path + ".unit_price", "must be at most " + maxUnitPriceFen + " fen, got "
                    + unitPrice));
        }
        if (qty > maxQty) {
            bad.add(new FieldViolation(path + ".qty", "must be at most " + maxQty + ", got " + qty));
        }
    }

    /** A bill's total above its bound; {@code total} may be {@link Long#MAX_VALUE} for "beyond int64". */
    public void total(List<FieldViolation> bad, long total) {
        if (total > maxBillTotalFen) {
            bad.add(new FieldViolation("lines", "the bill's total (unit_price × qty over every line) must be at most "
                    + maxBillTotalFen + " fen, got " + (total == Long.MAX_VALUE ? "more than int64 holds" : total)));
        }
    }

    /** {@code a + b} for non-negative operands, {@link Long#MAX_VALUE} when it would not fit. */
    public static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** {@code a × b} for non-negative operands, {@link Long#MAX_VALUE} when it would not fit. */
    public static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
