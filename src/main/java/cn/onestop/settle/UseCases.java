package cn.onestop.settle;

import cn.onestop.rules.RuleBook;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The settlement use cases, built once over their ports; every front (gRPC, the national JSON
 * interface) maps its messages onto these and nothing else.
 */
public record UseCases(PreSettle preSettle, Settle settle, Reverse reverse, SettlementReads reads,
                       PersonLookup persons, Limits limits) {

    /** With the default {@link Limits}. */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock) {
        return over(directory, catalogs, ledger, rules, clock, Limits.DEFAULTS);
    }

    /**
     * @param clock the time of settlements, and in its zone the date of "today" (the latest settle date)
     * @param limits the bounds of a bill, checked before anything is read
     */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock, Limits limits) {
        Preparation preparation = new Preparation(directory, catalogs);
        Splitter splitter = new Splitter(rules);
        SettlementIds ids = new SettlementIds();
        return new UseCases(new PreSettle(preparation, splitter, ledger, clock, limits),
                new Settle(preparation, splitter, ledger, clock, ids, limits), new Reverse(ledger, clock, ids),
                new SettlementReads(ledger, clock, limits), new PersonLookup(directory, ledger), limits);
    }
}
