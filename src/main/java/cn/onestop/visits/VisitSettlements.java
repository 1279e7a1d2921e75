package cn.onestop.visits;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.PreSettled;
import cn.onestop.settle.ReverseCommand;
import cn.onestop.settle.Reversed;
import cn.onestop.settle.SettleCommand;
import cn.onestop.settle.Settled;
import cn.onestop.settle.UseCases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Settling a visit of the national flow through the one Settle use case: the message's msgid is the
 * settlement's message id (one ledger, the same exactly-once keys as the gRPC API), the visit is
 * claimed by that message first so that no second message settles it, and the fee details are the
 * bill. 2208 / 2305 reverse by settlement id; 2601 by the original message.
 */
public final class VisitSettlements {
    private final VisitStore store;
    private final Journal journal;
    private final UseCases cases;
    private final Visits visits;
    private final Clock clock;

    VisitSettlements(VisitStore store, Journal journal, UseCases cases, Visits visits, Clock clock) {
        this.store = store;
        this.journal = journal;
        this.cases = cases;
        this.visits = visits;
        this.clock = clock;
    }

    /** 2206 / 2303: the split the visit's fee details would have now; nothing is kept. */
    public Result<PreSettled> preSettle(Caller caller, SettleVisit s) {
        LocalDate today = LocalDate.now(clock);
        return bill(caller, s, null, today).flatMap(cmd -> cases.preSettle().preSettle(caller, cmd));
    }

    /** 2207 / 2304: the visit settled once; a retry of the message answers as first answered. */
    public Result<Answer<Settled>> settle(Caller caller, Message m, SettleVisit s, Deadline deadline,
                                          Function<Settled, String> render) {
        return journal.once(caller, m, date -> bill(caller, s, m.messageId(), date).flatMap(cmd -> {
            switch (store.claim(s.mdtrtId(), m.messageId())) {
                case DONE -> { }
                case NOT_FOUND -> {
                    return Result.failed(Reason.VISIT_NOT_FOUND, "no visit " + s.mdtrtId());
                }
                default -> {
                    return Result.failed(Reason.VISIT_STATE, "visit " + s.mdtrtId() + " cannot be settled: it is "
                            + Visits.describe(store.find(s.mdtrtId()).orElseThrow()));
                }
            }
            Result<Settled> r = cases.settle().settle(caller, cmd, deadline); // an exception keeps the claim
            if (r instanceof Result.Failed<Settled> f) {
                store.release(s.mdtrtId(), m.messageId());
                return new Result.Failed<>(f.failure());
            }
            store.settled(s.mdtrtId(), m.messageId(), r.value().record().settlementId());
            return r;
        }), render, Journal.Refs.<Settled>of(v -> s.mdtrtId(), v -> v.record().settlementId()),
                (settled, by) -> undo(caller, m, s.mdtrtId(), by, deadline));
    }

    /** A settlement a 2601 voided while it ran: reversed under that 2601's msgid, as the 2601 would. */
    private void undo(Caller caller, Message m, String mdtrtId, String by, Deadline deadline) {
        cases.reverse().reverse(caller, reversal(m.institutionCode(), by, m.messageId()), deadline);
        store.release(mdtrtId, m.messageId());
    }

    static ReverseCommand reversal(String institutionCode, String by, String originalMessageId) {
        return new ReverseCommand(institutionCode, by, null, originalMessageId, "2601 冲正 of msgid "
                + originalMessageId, null);
    }

    /** The visit's bill as a settle command, once the visit and its details allow it. */
    private Result<SettleCommand> bill(Caller caller, SettleVisit s, String messageId, LocalDate date) {
        return visits.find(caller, s.mdtrtId()).flatMap(v -> {
            if (v.status() == VisitStatus.CANCELLED) {
                return Result.failed(Reason.VISIT_STATE, "visit " + v.mdtrtId() + " is cancelled");
            }
            if (v.inpatient() != s.type().isInpatient()) {
                return Visits.invalid("med_type", "is " + s.type() + ", but visit " + v.mdtrtId() + " is "
                        + (v.inpatient() ? "an inpatient stay" : "an outpatient visit"));
            }
            List<FeeDetail> details = store.details(v.mdtrtId());
            if (details.isEmpty()) {
                return Result.failed(Reason.VISIT_STATE, "visit " + v.mdtrtId() + " has no fee details: upload them "
                        + "first (2204 / 2301)");
            }
            long total = Bills.total(details);
            if (s.statedTotal() != null && s.statedTotal() != total) {
                return Visits.invalid("medfee_sumamt", "is " + s.statedTotal() + " fen, but the fee details of visit "
                        + v.mdtrtId() + " add up to " + total + " fen");
            }
            return Result.ok(Bills.command(v, messageId, s.credential(), v.personId(), date, s.type(), s.useAccount(),
                    details));
        });
    }

    /** 2208 / 2305: the visit's settlement reversed, answered with what moved back. */
    public Result<Answer<Reversed>> cancel(Caller caller, Message m, String mdtrtId, String settlementId,
                                           Deadline deadline, Function<Reversed, String> render) {
        return journal.once(caller, m, date -> visits.find(caller, mdtrtId).flatMap(v -> {
            if (!settlementId.equals(v.settlementId())) {
                return Result.<Reversed>failed(Reason.SETTLEMENT_NOT_FOUND, "visit " + mdtrtId
                        + " has no settlement " + settlementId);
            }
            Result<Reversed> r = cases.reverse().reverse(caller, new ReverseCommand(m.institutionCode(),
                    m.messageId(), settlementId, null, m.infno() + " 撤销", null), deadline);
            if (r.isOk()) {
                store.release(mdtrtId, v.settleMessageId());
            }
            return r;
        }), render, Journal.Refs.<Reversed>of(v -> mdtrtId, Reversed::reversalId),
                (r, by) -> { }); // a cancellation is not reversible: a 2601 never voids one
    }
}
