package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;

import java.time.YearMonth;
import java.util.List;

/**
 * 异地清分 (3260): one page of an insured region's month — every cross-region settlement and reversal
 * of persons insured there, in the order committed, with its fund split.
 *
 * @param total rows in the month's extract
 * @param startRow the first row of this page, from 1
 * @param confirmed rows of the extract the node has confirmed
 */
public record ClearingPage(AdminDivision region, YearMonth month, int total, int startRow, List<Row> rows,
                           int confirmed, MonthStatus status) {
    public ClearingPage {
        rows = List.copyOf(rows);
    }

    /** Row {@code row} (from 1) of the extract. */
    public record Row(int row, Entry entry, boolean confirmed) {
    }

    /** Where a month's extract stands with the node. */
    public enum MonthStatus {
        /** Nothing confirmed. */
        OPEN,
        /** Some rows confirmed. */
        PARTLY_CONFIRMED,
        /** Every row confirmed: fixed until the node rolls the confirmation back. */
        CONFIRMED;

        static MonthStatus of(int confirmed, int total) {
            return confirmed == 0 ? OPEN : confirmed < total ? PARTLY_CONFIRMED : CONFIRMED;
        }
    }
}
