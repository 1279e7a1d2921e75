package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.StoreException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * 结算: splits and commits, exactly once per (institution, message id). Everything that only reads
 * comes first ({@link Preparation}), on the caller's thread; then the settlement joins a batch
 * ({@link SettleBatcher}) and, in that batch's one transaction, its person's year row is locked, a
 * retry is answered as first answered, the accounts are locked, the bill is split and the settlement,
 * its fund rows, the accumulator move, the account moves, the message key and the audit entry are
 * written ({@link BatchCommit}).
 */
public final class Settle {
    private final Preparation preparation;
    private final LedgerStore ledger;
    private final SettleBatcher batcher;
    private final Clock clock;
    private final Limits limits;

    Settle(Preparation preparation, LedgerStore ledger, SettleBatcher batcher, Clock clock, Limits limits) {
        this.preparation = preparation;
        this.ledger = ledger;
        this.batcher = batcher;
        this.clock = clock;
        this.limits = limits;
    }

    /** The settlement, once its batch has committed (blocking). */
    public Result<Settled> settle(Caller caller, SettleCommand cmd, Deadline deadline) {
        CompletableFuture<Result<Settled>> f = settleAsync(caller, cmd, deadline);
        try {
            long ms = deadline.remaining().plus(SettleBatcher.GRACE).toMillis();
            return f.get(Math.max(1, ms), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException(StoreException.Kind.TIMEOUT, "no answer from the ledger within the deadline: "
                    + "the outcome is unknown; retry with the same message id", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "interrupted while waiting for the ledger", e);
        }
    }

    /**
     * The settlement, answered when its batch commits: a refusal, a settlement, or an exception
     * carrying a {@link StoreException} when the ledger could not be used.
     */
    public CompletableFuture<Result<Settled>> settleAsync(Caller caller, SettleCommand cmd, Deadline deadline) {
        Optional<Failure> denied = Access.mayTransact(caller, cmd.institutionCode());
        if (denied.isPresent()) {
            return CompletableFuture.completedFuture(new Result.Failed<>(denied.get()));
        }
        Optional<Failure> outOfBounds = limits.refusal(cmd, LocalDate.now(clock));
        if (outOfBounds.isPresent()) {
            return CompletableFuture.completedFuture(new Result.Failed<>(outOfBounds.get()));
        }
        RequestDigest digest = cmd.digest();
        Result<Preparation.Prepared> prepared = preparation.prepare(cmd);
        if (prepared instanceof Result.Failed<Preparation.Prepared> refused) {
            // a retry is answered as first answered, even if the person or the catalog changed since
            return CompletableFuture.completedFuture(ledger.read(tx -> replay(tx, cmd, digest))
                    .orElse(new Result.Failed<>(refused.failure())));
        }
        Pending p = new Pending(caller, cmd, digest, prepared.value(), deadline, new CompletableFuture<>());
        if (!batcher.offer(p)) {
            return CompletableFuture.completedFuture(Result.failed(Reason.OVERLOADED, "too many settlements are "
                    + "waiting for the ledger; retry shortly with the same message id"));
        }
        return p.answer();
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
