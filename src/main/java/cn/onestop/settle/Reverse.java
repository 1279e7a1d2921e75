package cn.onestop.settle;

import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulators;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 撤销 / 冲正: undoes a settlement exactly — its accumulator delta negated, its account debits
 * credited back — keeping a reversal record and marking the original REVERSED. A second reversal,
 * under any message id, changes nothing and answers the same. Takes the person's year row first,
 * as Settle does, so the two never deadlock.
 */
public final class Reverse {
    private final LedgerStore ledger;
    private final Clock clock;
    private final SettlementIds ids;
    private final SettlementEvents events;

    Reverse(LedgerStore ledger, Clock clock, SettlementIds ids, SettlementEvents events) {
        this.ledger = ledger;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    public Result<Reversed> reverse(Caller caller, ReverseCommand cmd, Deadline deadline) {
        Optional<Failure> denied = Access.mayTransact(caller, cmd.institutionCode());
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        RequestDigest digest = cmd.digest();
        Result<Reversed> r = ledger.writeKeyed(deadline, tx -> {
            Optional<MessageKeys.Key> key = tx.messageKeys().find(cmd.institutionCode(), cmd.messageId());
            if (key.isPresent()) {
                return replay(tx, key.get(), digest);
            }
            Optional<SettlementRecord> target = cmd.settlementId() != null
                    ? tx.settlements().find(cmd.settlementId())
                    : tx.settlements().findByMessage(cmd.institutionCode(), cmd.originalMessageId());
            if (target.isEmpty() || !target.get().institutionCode().equals(cmd.institutionCode())) {
                return Result.failed(Reason.SETTLEMENT_NOT_FOUND, "no settlement " + cmd.target()
                        + " at institution " + cmd.institutionCode());
            }
            Accumulators row = tx.yearRows().lock(List.of(target.get().yearKey()), deadline)
                    .get(target.get().yearKey());
            key = tx.messageKeys().find(cmd.institutionCode(), cmd.messageId());
            if (key.isPresent()) {
                return replay(tx, key.get(), digest);
            }
            SettlementRecord s = tx.settlements().lockForReversal(target.get().settlementId()).orElseThrow();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (s.status() == SettlementStatus.REVERSED) {
                // already reversed: nothing changes; this message id now answers the same
                tx.messageKeys().insert(List.of(MessageKeys.Key.of(cmd.institutionCode(), cmd.messageId(),
                        MessageKeys.Operation.REVERSE, digest, s.reversalId(), now)));
                return Result.ok(reversed(s, true));
            }
            return undo(tx, caller, cmd, digest, s, row, now, deadline);
        });
        if (r instanceof Result.Ok<Reversed> ok && !ok.value().replayed()) {
            try {
                events.reversed(ok.value().record());
            } catch (RuntimeException e) {
                // a watcher's failure is not the reversal's: it has committed
            }
        }
        return r;
    }

    private Result<Reversed> undo(LedgerTx tx, Caller caller, ReverseCommand cmd, RequestDigest digest,
                                  SettlementRecord s, Accumulators row, Instant now, Deadline deadline) {
        String reversalId = ids.next('R', now.toEpochMilli());
        List<String> accounts = s.familyPersonId() == null ? List.of(s.personId())
                : List.of(s.personId(), s.familyPersonId());
        Map<String, Long> balances = tx.accounts().lock(accounts, deadline);
        // every sum checked before the first write: none may reach the database out of range
        Optional<Failure> outOfRange = OutOfRange.yearRow(s.yearKey(), row, s.bill().split().delta().negated())
                .or(() -> OutOfRange.account(s.personId(), balances.get(s.personId()), s.ownDebit()))
                .or(() -> s.familyDebit() > 0
                        ? OutOfRange.account(s.familyPersonId(), balances.get(s.familyPersonId()), s.familyDebit())
                        : Optional.empty());
        if (outOfRange.isPresent()) {
            return new Result.Failed<>(outOfRange.get());
        }
        tx.yearRows().apply(List.of(new YearRows.Move(s.yearKey(), "REVERSE", s.settlementId(),
                s.bill().split().delta().negated())));
        List<Accounts.Move> moves = new ArrayList<>(2);
        moves.add(new Accounts.Move(s.personId(), balances.get(s.personId()), s.ownDebit(), "REVERSE",
                s.settlementId()));
        if (s.familyDebit() > 0) {
            moves.add(new Accounts.Move(s.familyPersonId(), balances.get(s.familyPersonId()), s.familyDebit(),
                    "FAMILY_AID_REVERSE", s.settlementId()));
        }
        tx.accounts().move(moves);
        tx.settlements().reverse(List.of(new Settlements.Reversal(reversalId, s.settlementId(), cmd.institutionCode(),
                cmd.messageId(), cmd.reason(), now)));
        tx.messageKeys().insert(List.of(MessageKeys.Key.of(cmd.institutionCode(), cmd.messageId(),
                MessageKeys.Operation.REVERSE, digest, reversalId, now)));
        tx.audit(List.of(AuditEvent.of(caller, "REVERSE", s.settlementId(), "reversal " + reversalId + " by "
                + cmd.institutionCode() + "/" + cmd.messageId() + ": " + cmd.reason())));
        SettlementRecord after = new SettlementRecord(s.settlementId(), s.institutionCode(), s.messageId(),
                s.personId(), SettlementStatus.REVERSED, s.bill(), s.createdAt(), s.ownDebit(), s.familyPersonId(),
                s.familyDebit(), reversalId, now, s.clearing());
        return Result.ok(reversed(after, false));
    }

    private static Result<Reversed> replay(LedgerTx tx, MessageKeys.Key key, RequestDigest digest) {
        if (!key.sameRequest(MessageKeys.Operation.REVERSE, digest)) {
            return Result.failed(Reason.MESSAGE_ID_REUSED, "this message id was already used for a different request");
        }
        String settlementId = tx.settlements().reversedBy(key.targetId()).orElseThrow(() ->
                new IllegalStateException("reversal " + key.targetId() + " names no settlement"));
        return Result.ok(reversed(tx.settlements().find(settlementId).orElseThrow(), true));
    }

    private static Reversed reversed(SettlementRecord s, boolean replayed) {
        return new Reversed(s, s.reversalId(), s.bill().split().delta().negated(), s.ownDebit(), s.familyDebit(),
                replayed);
    }
}
