package cn.onestop.clearing;

import cn.onestop.kernel.Caller;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Port: the day closes and monthly statements, each stored once and never changed; each write puts what
 * {@code by} did in the audit trail, in the same transaction.
 */
public interface Closes {
    Optional<DayClose> dayClose(String institutionCode, LocalDate day);

    /** Stores the close unless the day is closed already; answers the close that is stored (the first). */
    DayClose keep(DayClose close, Caller by);

    Optional<MonthStatement> statement(String institutionCode, YearMonth month);

    /** Stores the statement unless one is issued already; answers the one that is stored (the first). */
    MonthStatement keep(MonthStatement statement, Caller by);
}
