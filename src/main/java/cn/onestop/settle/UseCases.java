package cn.onestop.settle;

import cn.onestop.rules.RuleBook;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The settlement use cases, built once over their ports; every front (gRPC, the national JSON
 * interface) maps its messages onto these and nothing else.
 */
public record UseCases(PreSettle preSettle, Settle settle, Reverse reverse, SettlementReads reads,
                       PersonLookup persons) {

    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock) {
        Preparation preparation = new Preparation(directory, catalogs);
        Splitter splitter = new Splitter(rules);
        SettlementIds ids = new SettlementIds();
        return new UseCases(new PreSettle(preparation, splitter, ledger),
                new Settle(preparation, splitter, ledger, clock, ids), new Reverse(ledger, clock, ids),
                new SettlementReads(ledger), new PersonLookup(directory, ledger));
    }
}
