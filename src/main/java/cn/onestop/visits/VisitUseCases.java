package cn.onestop.visits;

import cn.onestop.settle.UseCases;

import java.time.Clock;

/**
 * The national flow's use cases, over the visit store, the message journal and the settlement use
 * cases: registrations and fee details, settlements of visits, and 冲正.
 */
public final class VisitUseCases {
    private final Visits visits;
    private final VisitSettlements settlements;
    private final Reversals reversals;

    private VisitUseCases(Visits visits, VisitSettlements settlements, Reversals reversals) {
        this.visits = visits;
        this.settlements = settlements;
        this.reversals = reversals;
    }

    /** @param clock the gateway's clock in its zone: the business date of a message */
    public static VisitUseCases over(VisitStore store, MessageJournal messages, UseCases cases, Clock clock) {
        Journal journal = new Journal(messages, clock);
        Visits visits = new Visits(store, journal, cases, clock);
        return new VisitUseCases(visits, new VisitSettlements(store, journal, cases, visits, clock),
                new Reversals(store, journal, cases));
    }

    public Visits visits() {
        return visits;
    }

    public VisitSettlements settlements() {
        return settlements;
    }

    public Reversals reversals() {
        return reversals;
    }
}
