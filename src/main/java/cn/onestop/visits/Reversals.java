package cn.onestop.visits;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.Reversed;
import cn.onestop.settle.UseCases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * 2601 冲正: undoes what the message {@code omsgid} did, if it happened, and makes sure it never
 * happens if it did not (an unknown or still running message is voided first: arriving later, it is
 * refused; finishing meanwhile, its own worker undoes it). Answered the same on every retry.
 */
public final class Reversals {
    /** What a reversible message is. */
    enum Kind { SETTLE, REGISTER, UPLOAD, DISCHARGE }

    /** The transactions a 2601 may name, and what each is. */
    static final Map<String, Kind> REVERSIBLE = Map.of("2207", Kind.SETTLE, "2304", Kind.SETTLE,
            "2201", Kind.REGISTER, "2401", Kind.REGISTER, "2204", Kind.UPLOAD, "2301", Kind.UPLOAD,
            "2402", Kind.DISCHARGE);

    private final VisitStore store;
    private final Journal journal;
    private final UseCases cases;

    Reversals(VisitStore store, Journal journal, UseCases cases) {
        this.store = store;
        this.journal = journal;
        this.cases = cases;
    }

    public Result<Answer<Reverted>> reverse(Caller caller, Message m, String omsgid, String oinfno,
                                            Deadline deadline, Function<Reverted, String> render) {
        return journal.once(caller, m, date -> revert(caller, m, omsgid, oinfno, date, deadline), render,
                Journal.Refs.<Reverted>of(v -> null, v -> v.reversal() == null ? null : v.reversal().reversalId()),
                (v, by) -> { });
    }

    private Result<Reverted> revert(Caller caller, Message m, String omsgid, String oinfno, LocalDate date,
                                    Deadline deadline) {
        Kind kind = REVERSIBLE.get(oinfno);
        if (kind == null) {
            return Visits.invalid("oinfno", "is " + oinfno + ", which 2601 does not reverse (it reverses "
                    + String.join(", ", new java.util.TreeSet<>(REVERSIBLE.keySet())) + ")");
        }
        if (omsgid.equals(m.messageId())) {
            return Visits.invalid("omsgid", "names this 2601 itself");
        }
        MessageJournal store0 = journal.store();
        Optional<MessageJournal.Entry> before = store0.find(m.institutionCode(), omsgid);
        if (before.isPresent() && !before.get().infno().equals(oinfno)) {
            return Visits.invalid("oinfno", "is " + oinfno + ", but msgid " + omsgid + " was a "
                    + before.get().infno());
        }
        boolean done = before.isPresent() && before.get().state() == MessageJournal.State.DONE;
        if (kind != Kind.SETTLE && done) {
            Optional<VisitRecord> v = visitOf(m, before.get());
            if (v.isPresent() && v.get().settleMessageId() != null) {
                return Result.failed(Reason.VISIT_STATE, "msgid " + omsgid + " cannot be reversed: visit "
                        + v.get().mdtrtId() + " is " + Visits.describe(v.get()));
            }
        }
        store0.voidMessage(m.institutionCode(), omsgid, oinfno, m.messageId(), date);
        if (kind == Kind.SETTLE) {
            return settlement(caller, m, omsgid, oinfno, deadline);
        }
        if (!done) {
            return Result.ok(new Reverted(omsgid, oinfno, false, null)); // never happened, now never will
        }
        MessageJournal.Entry e = before.get();
        String mdtrt = visitOf(m, e).map(VisitRecord::mdtrtId).orElse(e.mdtrtId());
        VisitStore.Outcome o = switch (kind) {
            case REGISTER -> store.move(mdtrt, List.of(VisitStatus.OPEN, VisitStatus.DISCHARGED),
                    VisitStatus.CANCELLED, null);
            case UPLOAD -> store.withdraw(mdtrt, null, null, omsgid);
            default -> store.move(mdtrt, List.of(VisitStatus.DISCHARGED), VisitStatus.OPEN, null);
        };
        return o == VisitStore.Outcome.DONE || o == VisitStore.Outcome.WRONG_STATUS
                ? Result.ok(new Reverted(omsgid, oinfno, o == VisitStore.Outcome.DONE, null))
                : Result.failed(Reason.VISIT_STATE, "msgid " + omsgid + " cannot be reversed: visit " + mdtrt
                        + " is " + store.find(mdtrt).map(Visits::describe).orElse("gone"));
    }

    private Optional<VisitRecord> visitOf(Message m, MessageJournal.Entry e) {
        if (e.mdtrtId() != null) {
            return store.find(e.mdtrtId());
        }
        return store.openedBy(m.institutionCode(), e.messageId());
    }

    /** A settlement message: its settlement reversed under this 2601's msgid, if it exists. */
    private Result<Reverted> settlement(Caller caller, Message m, String omsgid, String oinfno, Deadline deadline) {
        Result<Reversed> r = cases.reverse().reverse(caller, VisitSettlements.reversal(m.institutionCode(),
                m.messageId(), omsgid), deadline);
        if (r instanceof Result.Failed<Reversed> f) {
            if (f.failure().reason() == Reason.SETTLEMENT_NOT_FOUND) {
                store.releaseAll(m.institutionCode(), omsgid);
                return Result.ok(new Reverted(omsgid, oinfno, false, null));
            }
            return new Result.Failed<>(f.failure());
        }
        store.releaseAll(m.institutionCode(), omsgid);
        return Result.ok(new Reverted(omsgid, oinfno, true, r.value()));
    }
}
