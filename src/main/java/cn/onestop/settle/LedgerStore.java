package cn.onestop.settle;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Result;

import java.util.function.Function;

/**
 * Port: the durable ledger. Work runs in one transaction, through the small ports of
 * {@link LedgerTx}; it is committed when the work answers and rolled back when it refuses, and it
 * may run again from the start after a deadlock or a conflict (it must read what it needs inside).
 * Failures to reach or use the store are {@link cn.onestop.kernel.StoreException}s.
 */
public interface LedgerStore {
    <T> Result<T> write(Deadline deadline, Function<LedgerTx, Result<T>> work);

    /**
     * As {@link #write}, for work keyed by message id, which answers a request already committed as it
     * was first answered (a settlement batch, a reversal): it may also run again after its database node
     * was lost during the COMMIT, on another node of a cluster, and then settles once or replays.
     */
    default <T> Result<T> writeKeyed(Deadline deadline, Function<LedgerTx, Result<T>> work) {
        return write(deadline, work);
    }

    /** Read-only work: nothing it does is kept. */
    <T> T read(Function<LedgerTx, T> work);
}
