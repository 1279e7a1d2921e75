package cn.onestop.settle;

import cn.onestop.rules.RuleBook;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The settlement use cases, built once over their ports; every front (gRPC, the national JSON
 * interface) maps its messages onto these and nothing else.
 */
public final class UseCases implements AutoCloseable {
    private final PreSettle preSettle;
    private final Settle settle;
    private final Reverse reverse;
    private final SettlementReads reads;
    private final PersonLookup persons;
    private final SettleBatcher batcher;

    private UseCases(PreSettle preSettle, Settle settle, Reverse reverse, SettlementReads reads,
                     PersonLookup persons, SettleBatcher batcher) {
        this.preSettle = preSettle;
        this.settle = settle;
        this.reverse = reverse;
        this.reads = reads;
        this.persons = persons;
        this.batcher = batcher;
    }

    /** The use cases with {@link Batching#defaults()}. */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock) {
        return over(directory, catalogs, ledger, rules, clock, Batching.defaults());
    }

    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock, Batching batching) {
        Preparation preparation = new Preparation(directory, catalogs);
        Splitter splitter = new Splitter(rules);
        SettlementIds ids = new SettlementIds();
        SettleBatcher batcher = new SettleBatcher(batching, ledger, new BatchCommit(splitter, clock, ids));
        return new UseCases(new PreSettle(preparation, splitter, ledger, directory), new Settle(preparation, ledger, batcher),
                new Reverse(ledger, clock, ids), new SettlementReads(ledger), new PersonLookup(directory, ledger),
                batcher);
    }

    public PreSettle preSettle() {
        return preSettle;
    }

    public Settle settle() {
        return settle;
    }

    public Reverse reverse() {
        return reverse;
    }

    public SettlementReads reads() {
        return reads;
    }

    public PersonLookup persons() {
        return persons;
    }

    /** Settlements waiting for their batch. */
    public int waitingSettlements() {
        return batcher.waiting();
    }

    /** How settlements have been batched into commits. */
    public BatchStats batchStats() {
        return batcher.stats();
    }

    /** Stops the batch writers; settlements still waiting are answered UNAVAILABLE. */
    @Override
    public void close() {
        batcher.close();
    }
}
