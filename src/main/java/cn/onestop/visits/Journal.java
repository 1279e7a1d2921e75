package cn.onestop.visits;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Exactly once for national messages: a message is written PENDING before it does anything, answered
 * from its first answer when it comes again, refused when its msgid was used for another request or
 * it was reversed (2601). If a 2601 voids it while it runs, what it did is undone by its own worker
 * before it answers.
 */
final class Journal {
    private final MessageJournal journal;
    private final Clock clock;

    Journal(MessageJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /** The work of a message, on the date it first arrived. */
    interface Work<T> {
        Result<T> run(LocalDate businessDate);
    }

    /** What a message's answer concerned, for the journal and for a 2601. */
    interface Refs<T> {
        String mdtrtId(T value);

        String targetId(T value);

        /** The visit and what the message made, each read from the answer (either may give null). */
        static <T> Refs<T> of(Function<T, String> mdtrtId, Function<T, String> targetId) {
            return new Refs<>() {
                @Override
                public String mdtrtId(T value) {
                    return mdtrtId.apply(value);
                }

                @Override
                public String targetId(T value) {
                    return targetId.apply(value);
                }
            };
        }
    }

    /** Undoes what a message did, when a 2601 voided it while it ran (by is that 2601's msgid). */
    interface Undo<T> {
        void undo(T value, String by);
    }

    <T> Result<Answer<T>> once(Caller caller, Message m, Work<T> work, Function<T, String> render, Refs<T> refs,
                               Undo<T> undo) {
        Optional<Failure> denied = Access.mayAct(caller, m.institutionCode());
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        MessageJournal.Entry e = journal.begin(m.institutionCode(), m.messageId(), m.infno(), m.digest(),
                LocalDate.now(clock));
        Optional<Failure> refused = refusal(e, m);
        if (refused.isPresent()) {
            return new Result.Failed<>(refused.get());
        }
        if (e.state() == MessageJournal.State.DONE) {
            return Result.ok(new Answer<>(null, e.output(), true));
        }
        Result<T> r = work.run(e.businessDate()); // an exception leaves it PENDING: its outcome is unknown
        if (r instanceof Result.Failed<T> f) {
            journal.abandon(m.institutionCode(), m.messageId());
            return new Result.Failed<>(f.failure());
        }
        T value = r.value();
        String output = render.apply(value);
        if (!journal.finish(m.institutionCode(), m.messageId(), refs.mdtrtId(value), refs.targetId(value), output)) {
            String by = journal.find(m.institutionCode(), m.messageId()).map(MessageJournal.Entry::voidedBy)
                    .orElse("?");
            undo.undo(value, by);
            return voided(m, by);
        }
        return Result.ok(new Answer<>(value, output, false));
    }

    /** Why an existing entry does not let {@code m} run, if it does not. */
    static Optional<Failure> refusal(MessageJournal.Entry e, Message m) {
        if (!e.infno().equals(m.infno()) || !Arrays.equals(e.digest(), m.digest())) {
            if (e.state() == MessageJournal.State.VOIDED && e.digest().length == 0) {
                return Optional.of(voidedFailure(m, e.voidedBy()));
            }
            return Optional.of(Failure.of(Reason.MESSAGE_ID_REUSED, "msgid " + m.messageId() + " of institution "
                    + m.institutionCode() + " was already used for a different request (" + e.infno() + ")"));
        }
        if (e.state() == MessageJournal.State.VOIDED) {
            return Optional.of(voidedFailure(m, e.voidedBy()));
        }
        return Optional.empty();
    }

    private static <T> Result<T> voided(Message m, String by) {
        return new Result.Failed<>(voidedFailure(m, by));
    }

    private static Failure voidedFailure(Message m, String by) {
        return Failure.of(Reason.MESSAGE_VOIDED, "msgid " + m.messageId() + " was reversed (2601 冲正) by msgid "
                + by + ": it has no effect; send the transaction again under a new msgid");
    }

    MessageJournal store() {
        return journal;
    }
}
