package cn.onestop.clearing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Accounting days: a settlement or reversal belongs to the local date (in the gateway's zone) on
 * which it was committed, not to its discharge date. A day is over, and may be closed, once the next
 * midnight plus a grace has passed; the grace exceeds the longest transaction (a call's deadline), so
 * nothing can still commit into a day that is over, and a closed day never changes.
 */
public final class AccountingCalendar {
    private final Clock clock;
    private final ZoneId zone;
    private final Duration grace;

    /** @param grace how long after midnight a day counts as over: longer than any settlement's transaction */
    public AccountingCalendar(Clock clock, ZoneId zone, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace of a day's close is not negative");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Today's accounting day. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The first instant of {@code day}. */
    public Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the days {@code from..to}. */
    public Instant end(LocalDate to) {
        return start(to.plusDays(1));
    }

    /** Whether nothing can commit into {@code day} any more: its next midnight plus the grace has passed. */
    public boolean isOver(LocalDate day) {
        return !clock.instant().isBefore(end(day).plus(grace));
    }

    public boolean isOver(YearMonth month) {
        return isOver(month.atEndOfMonth());
    }

    /** When {@code day} is over. */
    public Instant overAt(LocalDate day) {
        return end(day).plus(grace);
    }
}
