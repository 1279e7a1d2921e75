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
    private final Limits limits;
    private final FeeReview feeReview;

    private UseCases(PreSettle preSettle, Settle settle, Reverse reverse, SettlementReads reads,
                     PersonLookup persons, SettleBatcher batcher, Limits limits, FeeReview feeReview) {
        this.limits = limits;
        this.feeReview = feeReview;
        this.preSettle = preSettle;
        this.settle = settle;
        this.reverse = reverse;
        this.reads = reads;
        this.persons = persons;
        this.batcher = batcher;
    }

    /** The use cases with the default {@link Limits} and {@link Batching#defaults()}. */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock) {
        return over(directory, catalogs, ledger, rules, clock, Limits.DEFAULTS, Batching.defaults());
    }

    /** The use cases with {@code limits} and {@link Batching#defaults()}. */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock, Limits limits) {
        return over(directory, catalogs, ledger, rules, clock, limits, Batching.defaults());
    }

    /**
     * @param clock the time of settlements, and in its zone the date of "today" (the latest settle date)
     * @param limits the bounds of a bill, checked before anything is read
     * @param batching how settlements are gathered into shared commits
     */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock, Limits limits, Batching batching) {
        return over(directory, catalogs, ledger, rules, clock, limits, batching, SettlementEvents.NONE);
    }

    /**
     * As {@link #over(Directory, BillClassifier, LedgerStore, Supplier, Clock, Limits, Batching)}, telling
     * {@code events} of every settlement, reversal and batch commit.
     */
    public static UseCases over(Directory directory, BillClassifier catalogs, LedgerStore ledger,
                                Supplier<RuleBook> rules, Clock clock, Limits limits, Batching batching,
                                SettlementEvents events) {
        Preparation preparation = new Preparation(directory, catalogs);
        Splitter splitter = new Splitter(rules);
        SettlementIds ids = new SettlementIds();
        SettleBatcher batcher = new SettleBatcher(batching, ledger, new BatchCommit(splitter, clock, ids), events);
        return new UseCases(new PreSettle(preparation, splitter, ledger, directory, clock, limits),
                new Settle(preparation, ledger, batcher, clock, limits), new Reverse(ledger, clock, ids, events),
                new SettlementReads(ledger, clock, limits), new PersonLookup(directory, ledger), batcher, limits,
                new FeeReview(preparation, rules, clock, limits));
    }

    /** The bounds of a bill. */
    public Limits limits() {
        return limits;
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

    /** 明细审核: a bill's lines classified one by one, as a fee-detail upload is answered. */
    public FeeReview feeReview() {
        return feeReview;
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
