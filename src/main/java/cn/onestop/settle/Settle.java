package cn.onestop.settle;

import cn.onestop.engine.Settlement;
import cn.onestop.kernel.AuditEvent;
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
 * 结算: splits and commits atomically, exactly once per (institution, message id). Everything that
 * only reads comes first ({@link Preparation}); then, in one transaction: lock the person's year row,
 * answer a retry as first answered, lock the accounts, split, write the settlement, its fund rows,
 * the accumulator move, the account moves, the message key and the audit entry.
 */
public final class Settle {
    private final Preparation preparation;
    private final Splitter splitter;
    private final LedgerStore ledger;
    private final Clock clock;
    private final SettlementIds ids;

    Settle(Preparation preparation, Splitter splitter, LedgerStore ledger, Clock clock, SettlementIds ids) {
        this.preparation = preparation;
        this.splitter = splitter;
        this.ledger = ledger;
        this.clock = clock;
        this.ids = ids;
    }

    public Result<Settled> settle(SettleCommand cmd, Deadline deadline) {
        RequestDigest digest = cmd.digest();
        Result<Preparation.Prepared> prepared = preparation.prepare(cmd);
        if (prepared instanceof Result.Failed<Preparation.Prepared> refused) {
            // a retry is answered as first answered, even if the person or the catalog changed since
            return ledger.read(tx -> replay(tx, cmd, digest)).orElse(new Result.Failed<>(refused.failure()));
        }
        return ledger.write(deadline, tx -> commit(tx, cmd, digest, prepared.value(), deadline));
    }

    private Result<Settled> commit(LedgerTx tx, SettleCommand cmd, RequestDigest digest, Preparation.Prepared p,
                                   Deadline deadline) {
        YearKey key = p.yearKey(cmd);
        Accumulators ytd = tx.yearRows().lock(List.of(key), deadline).get(key);
        // a retry, or a concurrent duplicate that committed while this one waited for the lock
        Optional<Result<Settled>> replay = replay(tx, cmd, digest);
        if (replay.isPresent()) {
            return replay.get();
        }
        String personId = p.person().personId();
        Map<String, Long> balances = tx.accounts().lock(p.accounts(), deadline);
        long balance = balances.get(personId);
        long familyBalance = p.familyId() == null ? 0 : balances.get(p.familyId());
        Result<Splitter.Split> split = splitter.split(cmd, p, ytd, balance, familyBalance);
        if (split instanceof Result.Failed<Splitter.Split> f) {
            return new Result.Failed<>(f.failure());
        }
        Settlement s = split.value().settlement();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the column keeps it
        String id = ids.next('S', now.toEpochMilli());
        SettlementRecord record = new SettlementRecord(id, cmd.institutionCode(), cmd.messageId(), personId,
                SettlementStatus.SETTLED, split.value().bill(), now, s.ownAccountDebit(), p.familyId(),
                s.familyDebit(), null, null, split.value().clearing());
        tx.settlements().insert(List.of(new Settlements.New(record, cmd, split.value().input())));
        tx.yearRows().apply(List.of(new YearRows.Move(key, "SETTLE", id, s.delta())));
        List<Accounts.Move> moves = new ArrayList<>(2);
        moves.add(new Accounts.Move(personId, balance, -s.ownAccountDebit(), "SETTLE", id));
        if (s.familyDebit() > 0) {
            moves.add(new Accounts.Move(p.familyId(), familyBalance, -s.familyDebit(), "FAMILY_AID", id));
        }
        tx.accounts().move(moves);
        tx.messageKeys().insert(List.of(MessageKeys.Key.of(cmd.institutionCode(), cmd.messageId(),
                MessageKeys.Operation.SETTLE, digest, id, now)));
        tx.audit(List.of(new AuditEvent("SETTLE", id, cmd.institutionCode() + "/" + cmd.messageId() + " person "
                + personId + " credential " + cmd.credential().type() + ":" + cmd.credential().masked()
                + " medfee " + s.amounts().medfeeSumamt() + " funds " + s.amounts().fundPaySumamt())));
        return Result.ok(new Settled(record, false));
    }

    /** The first answer to this message id, or a refusal if it was used for something else; empty if unused. */
    private static Optional<Result<Settled>> replay(LedgerTx tx, SettleCommand cmd, RequestDigest digest) {
        Optional<MessageKeys.Key> key = tx.messageKeys().find(cmd.institutionCode(), cmd.messageId());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!key.get().sameRequest(MessageKeys.Operation.SETTLE, digest)) {
            return Optional.of(Result.failed(Reason.MESSAGE_ID_REUSED, "message id " + cmd.messageId()
                    + " of institution " + cmd.institutionCode() + " was already used for a different request"));
        }
        SettlementRecord first = tx.settlements().find(key.get().targetId()).orElseThrow(() ->
                new IllegalStateException("message key " + cmd.messageId() + " names a missing settlement"));
        return Optional.of(Result.ok(new Settled(first, true)));
    }
}
