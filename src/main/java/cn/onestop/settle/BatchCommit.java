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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One transaction for a batch of settlements of different persons: one locking read for all their
 * year rows, one for their message keys (a retry, or a duplicate that committed meanwhile, is
 * answered as first answered), one locking read for all their accounts; each split in arrival order
 * against its own locked state; then multi-row writes of the settlements, fund rows, accumulator
 * moves and journal, account moves and journal, message keys and audit entries. A refusal is an
 * answer for its own settlement, never the batch's: the others are written.
 */
final class BatchCommit {
    private final Splitter splitter;
    private final Clock clock;
    private final SettlementIds ids;

    BatchCommit(Splitter splitter, Clock clock, SettlementIds ids) {
        this.splitter = splitter;
        this.clock = clock;
        this.ids = ids;
    }

    /** Everything the batch writes, gathered before one write of each kind. */
    private static final class Writes {
        final List<Settlements.New> settlements = new ArrayList<>();
        final List<YearRows.Move> yearMoves = new ArrayList<>();
        final List<Accounts.Move> accountMoves = new ArrayList<>();
        final List<MessageKeys.Key> keys = new ArrayList<>();
        final List<AuditEvent> audit = new ArrayList<>();
    }

    /** The batch's answers, one per settlement, in order; the transaction commits whatever they are. */
    Result<List<Result<Settled>>> run(LedgerTx tx, List<Pending> batch, Deadline deadline) {
        List<YearKey> keys = batch.stream().map(Pending::yearKey).toList();
        Map<YearKey, Accumulators> ytd = tx.yearRows().lock(keys, deadline);
        Map<String, MessageKeys.Key> used = new HashMap<>();
        for (MessageKeys.Key k : tx.messageKeys().findAll(batch.stream()
                .map(p -> new MessageKeys.Ref(p.cmd().institutionCode(), p.cmd().messageId())).toList())) {
            used.put(k.institutionCode() + "\u0000" + k.messageId(), k);
        }
        Map<String, SettlementRecord> replays = replays(tx, used.values());
        Set<String> accounts = new LinkedHashSet<>();
        for (Pending p : batch) {
            if (!used.containsKey(p.messageKey())) {
                accounts.addAll(p.prepared().accounts());
            }
        }
        Map<String, Long> balances = accounts.isEmpty() ? Map.of() : tx.accounts().lock(accounts, deadline);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the columns keep it
        Writes w = new Writes();
        List<Result<Settled>> answers = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            MessageKeys.Key k = used.get(p.messageKey());
            answers.add(k != null ? replay(p, k, replays) : split(p, ytd.get(p.yearKey()), balances, now, w));
        }
        tx.settlements().insert(w.settlements);
        tx.yearRows().apply(w.yearMoves);
        tx.accounts().move(w.accountMoves);
        tx.messageKeys().insert(w.keys);
        tx.audit(w.audit);
        return Result.ok(answers);
    }

    private static Map<String, SettlementRecord> replays(LedgerTx tx, java.util.Collection<MessageKeys.Key> keys) {
        List<String> ids = keys.stream().filter(k -> k.operation() == MessageKeys.Operation.SETTLE)
                .map(MessageKeys.Key::targetId).toList();
        Map<String, SettlementRecord> out = new HashMap<>();
        if (!ids.isEmpty()) {
            tx.settlements().findAll(ids).forEach(r -> out.put(r.settlementId(), r));
        }
        return out;
    }

    /** The first answer to a used message id, or a refusal if it was used for something else. */
    private static Result<Settled> replay(Pending p, MessageKeys.Key k, Map<String, SettlementRecord> replays) {
        if (!k.sameRequest(MessageKeys.Operation.SETTLE, p.digest())) {
            return Result.failed(Reason.MESSAGE_ID_REUSED, "message id " + p.cmd().messageId() + " of institution "
                    + p.cmd().institutionCode() + " was already used for a different request");
        }
        SettlementRecord first = replays.get(k.targetId());
        if (first == null) {
            throw new IllegalStateException("message key " + p.cmd().messageId() + " names a missing settlement");
        }
        return Result.ok(new Settled(first, true));
    }

    private Result<Settled> split(Pending p, Accumulators ytd, Map<String, Long> balances, Instant now, Writes w) {
        Preparation.Prepared prep = p.prepared();
        SettleCommand cmd = p.cmd();
        String personId = prep.person().personId();
        long balance = balances.getOrDefault(personId, 0L);
        long familyBalance = prep.familyId() == null ? 0 : balances.getOrDefault(prep.familyId(), 0L);
        Result<Splitter.Split> split = splitter.split(cmd, prep, ytd, balance, familyBalance);
        if (split instanceof Result.Failed<Splitter.Split> f) {
            return new Result.Failed<>(f.failure());
        }
        Settlement s = split.value().settlement();
        java.util.Optional<cn.onestop.kernel.Failure> outOfRange = OutOfRange.yearRow(p.yearKey(), ytd, s.delta());
        if (outOfRange.isPresent()) {
            return new Result.Failed<>(outOfRange.get()); // refused before the UPDATE would overflow the row
        }
        String id = ids.next('S', now.toEpochMilli());
        SettlementRecord record = new SettlementRecord(id, cmd.institutionCode(), cmd.messageId(), personId,
                SettlementStatus.SETTLED, split.value().bill(), now, s.ownAccountDebit(), prep.familyId(),
                s.familyDebit(), null, null, split.value().clearing());
        w.settlements.add(new Settlements.New(record, cmd, split.value().input()));
        w.yearMoves.add(new YearRows.Move(p.yearKey(), "SETTLE", id, s.delta()));
        w.accountMoves.add(new Accounts.Move(personId, balance, -s.ownAccountDebit(), "SETTLE", id));
        if (s.familyDebit() > 0) {
            w.accountMoves.add(new Accounts.Move(prep.familyId(), familyBalance, -s.familyDebit(), "FAMILY_AID", id));
        }
        w.keys.add(MessageKeys.Key.of(cmd.institutionCode(), cmd.messageId(), MessageKeys.Operation.SETTLE,
                p.digest(), id, now));
        w.audit.add(AuditEvent.of(p.caller(), "SETTLE", id, cmd.institutionCode() + "/" + cmd.messageId()
                + " person " + personId + " credential " + cmd.credential().type() + ":" + cmd.credential().masked()
                + " medfee " + s.amounts().medfeeSumamt() + " funds " + s.amounts().fundPaySumamt()));
        return Result.ok(new Settled(record, false));
    }
}
