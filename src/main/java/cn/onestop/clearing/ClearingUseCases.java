package cn.onestop.clearing;

import cn.onestop.rules.RuleBook;

import java.util.function.Supplier;

/** The clearing side's use cases, built once over their ports; the fronts map onto these and nothing else. */
public record ClearingUseCases(CloseDay closeDay, IssueStatement statements, ReconcileTotals totals,
                               ReconcileDetail details, ClearingNode node, ClearingApplications applications,
                               SharingEstimate sharing, AccountingCalendar calendar) {

    public static ClearingUseCases over(Books books, Closes closes, Reconciliations reconciliations,
                                        Confirmations confirmations, Applications applications,
                                        Supplier<RuleBook> rules, AccountingCalendar calendar) {
        return over(books, closes, reconciliations, confirmations, applications, rules, calendar, Pacing.NONE);
    }

    /** The same, every read of the books and of a file at {@code pacing}. */
    public static ClearingUseCases over(Books plain, Closes closes, Reconciliations reconciliations,
                                        Confirmations confirmations, Applications applications,
                                        Supplier<RuleBook> rules, AccountingCalendar calendar, Pacing pacing) {
        Books books = pacing.share() >= 1 ? plain : new PacedBooks(plain, pacing);
        return new ClearingUseCases(new CloseDay(books, closes, calendar),
                new IssueStatement(books, closes, calendar, rules), new ReconcileTotals(books, reconciliations, calendar),
                new ReconcileDetail(books, calendar, pacing), new ClearingNode(books, confirmations, calendar),
                new ClearingApplications(books, reconciliations, applications, calendar), new SharingEstimate(rules),
                calendar);
    }
}
