package cn.onestop.db;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's one way to run work on the database, with one error policy ({@link SqlErrors}).
 *
 * <p>Pooled connections have autoCommit off, so a transaction costs no extra round trips: the work
 * runs, then one COMMIT (or ROLLBACK). A deadlock, a lock wait that timed out, a Galera conflict
 * (a certification failure is reported as a deadlock) or a lost unique-key race runs the whole work
 * again, from a fresh connection, while the deadline leaves time and at most {@value #ATTEMPTS} times:
 * the work must be repeatable (it reads what it needs inside the transaction, so a retry sees what the
 * winner committed). So does a node lost before the COMMIT was sent — a connection cut while the work
 * ran, a Galera node that is not ready (1047) — once the probe has looked at the nodes again and found
 * one fit to use: nothing was committed, and the retry goes to that node; these re-runs have a budget
 * of their own, so conflicts retried before a node is lost never leave the work without one. A
 * connection lost during the COMMIT is retried only for work keyed by message id ({@link
 * #decideKeyed}), which replays what did commit; otherwise whether it committed is unknown, so it is
 * UNAVAILABLE, and the caller's retry with the same message id replays or settles once. Everything
 * else is a {@link StoreException} whose kind the policy decides and whose cause is the database's error,
 * never hidden by the clean-up after it.
 */
public final class Transactions {
    /** Attempts of one unit of work against conflicts, the first included (re-runs after a lost node apart). */
    public static final int ATTEMPTS = 4;
    /** How much longer than its deadline a unit of work waits for the database's answer. */
    private static final long ANSWER_MARGIN_MS = 1_000;
    /** How long a call without a deadline of its own may take. */
    private static final Duration NO_DEADLINE = Duration.ofMinutes(10);

    /** Work on the transaction's connection; it may end in one checked refusal of its own ({@code X}). */
    public interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    /** What to undo in memory if the transaction running on this thread does not commit. */
    private static final ThreadLocal<List<Runnable>> ON_ROLLBACK = new ThreadLocal<>();

    private final DataSource dataSource;

    /**
     * Registers {@code undo} to run if the unit of work running on this thread is rolled back, or
     * its commit fails (its outcome is then unknown): state kept in memory beside the database —
     * such as where an audit chain stands — must not outlive the rows it describes.
     */
    public static void ifRolledBack(Runnable undo) {
        List<Runnable> hooks = ON_ROLLBACK.get();
        if (hooks != null) {
            hooks.add(undo);
        }
    }

    private static void rolledBack() {
        List<Runnable> hooks = ON_ROLLBACK.get();
        ON_ROLLBACK.remove();
        if (hooks != null) {
            hooks.forEach(Runnable::run);
        }
    }

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in a transaction and commits it. */
    public <T, X extends Exception> T write(Deadline deadline, Work<T, X> work) throws X {
        return run(deadline, work, r -> true, false);
    }

    /** Runs {@code work} in a transaction: commits an answer, rolls back a refusal (nothing written). */
    public <T> Result<T> decide(Deadline deadline, Work<Result<T>, RuntimeException> work) {
        return run(deadline, work, Result::isOk, false);
    }

    /**
     * As {@link #decide}, for work keyed by message id that answers an already committed request as
     * first answered: a node lost during its COMMIT (outcome unknown) runs it again on a node fit to use,
     * whose first read waits for what the cluster committed ({@code wsrep_sync_wait}), so it replays
     * what did commit and does once what did not.
     */
    public <T> Result<T> decideKeyed(Deadline deadline, Work<Result<T>, RuntimeException> work) {
        return run(deadline, work, Result::isOk, true);
    }

    /**
     * Read-only work: the transaction is ended without writing. No conflict needs a retry; a node lost
     * under it does, on a node fit to use (within the running call's deadline).
     */
    public <T> T read(Work<T, RuntimeException> work) {
        Deadline d = Deadline.current().orElse(Deadline.after(NO_DEADLINE));
        for (int failovers = 0; ; failovers++) {
            try {
                return readOnce(work, d);
            } catch (StoreException e) {
                if (failovers < failoverBudget() && nodeLost(SqlErrors.classify(e)) && failedOver(d)) {
                    continue;
                }
                throw SqlErrors.classify(e) == SqlErrors.Verdict.UNAVAILABLE && d.expired() ? outOfTime(e) : e;
            }
        }
    }

    private <T> T readOnce(Work<T, RuntimeException> work, Deadline d) {
        boolean outermost = ON_ROLLBACK.get() == null;
        if (outermost) {
            ON_ROLLBACK.set(new ArrayList<>(0));
        }
        try (Connection c = dataSource.getConnection()) {
            answerWithin(c, d);
            long t0 = System.nanoTime();
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e); // the work's error is the one to report, not the clean-up's
                throw e;
            }
            c.rollback();
            observer().transaction(DatabaseObserver.End.READ, System.nanoTime() - t0);
            return result;
        } catch (SQLException e) {
            throw SqlErrors.toStore("read", e);
        } finally {
            if (outermost) {
                rolledBack();
            }
        }
    }

    /**
     * Read-only work that must never hold up a writer (clearing, reconciliation, statements): one
     * {@code READ ONLY} transaction under {@code READ COMMITTED}, so every statement reads the latest
     * committed rows without a lock and without keeping an old snapshot alive; a write in it is
     * refused by the database. Ended without writing; the connection goes back to the pool as it came.
     */
    public <T> T readCommitted(Work<T, RuntimeException> work) {
        try (Connection c = dataSource.getConnection()) {
            answerWithin(c, Deadline.current().orElse(Deadline.after(NO_DEADLINE)));
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("START TRANSACTION READ ONLY");
                }
                T result;
                try {
                    result = work.run(c);
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
                c.rollback();
                return result;
            } finally {
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw SqlErrors.toStore("read", e);
        }
    }

    /** A work's decision whether to commit what it did. */
    private interface Commit<T> {
        boolean test(T result);
    }

    private <T, X extends Exception> T run(Deadline deadline, Work<T, X> work, Commit<T> commit, boolean keyed)
            throws X {
        Deadline d = deadline == null ? Deadline.after(NO_DEADLINE) : deadline;
        int failovers = 0; // a budget of its own: conflicts before a node is lost must not use up its re-run
        for (int attempt = 1; ; attempt++) {
            boolean[] committing = {false};
            try {
                return once(work, commit, committing, d);
            } catch (SQLException | StoreException e) {
                SqlErrors.Verdict v = SqlErrors.classify(e);
                if (v == SqlErrors.Verdict.RETRY && attempt - failovers < ATTEMPTS && !d.expired()) {
                    continue;
                }
                if (failovers < failoverBudget() && (keyed || !committing[0]) && nodeLost(v) && failedOver(d)) {
                    failovers++;
                    continue;
                }
                if (v == SqlErrors.Verdict.UNAVAILABLE && d.expired()) {
                    throw outOfTime(e);
                }
                if (e instanceof StoreException s && v != SqlErrors.Verdict.RETRY) {
                    throw s;
                }
                if (v == SqlErrors.Verdict.RETRY) {
                    throw new StoreException(StoreException.Kind.CONFLICT, "gave up after " + attempt
                            + " attempts: " + e, e);
                }
                throw SqlErrors.toStore("transaction", e);
            }
        }
    }

    /**
     * How many times one unit of work may be run again because its node was lost, apart from its
     * conflict retries: once per node and once more (a pool's idle connections to a node that was
     * lost and came back are lost too), each time on a node the probe has just found fit to use.
     */
    private int failoverBudget() {
        DatabaseProbe probe = probe();
        return probe == null ? 1 : probe.nodes() + 1;
    }

    /** A node lost under the work: a node not ready (nothing done), or, with several nodes, a connection cut. */
    private boolean nodeLost(SqlErrors.Verdict v) {
        return v == SqlErrors.Verdict.NODE_NOT_READY
                || v == SqlErrors.Verdict.UNAVAILABLE && probe() != null && probe().nodes() > 1;
    }

    /**
     * Whether, after the probe has looked at every node again (at most a second, and half of what the
     * deadline leaves), some node is fit to use: then the work runs again, there.
     */
    private boolean failedOver(Deadline d) {
        DatabaseProbe probe = probe();
        long left = d.remaining().toMillis() / 2;
        if (left <= 0) {
            return false;
        }
        if (probe == null) {
            pause(Math.min(left, DatabaseProbe.PERIOD.toMillis()));
            return !d.expired();
        }
        probe.lookAgain(Duration.ofMillis(Math.min(left, DatabaseProbe.TIMEOUT.toMillis())));
        return probe.up() && !d.expired();
    }

    private DatabaseProbe probe() {
        try {
            return dataSource.isWrapperFor(CallDataSource.class) ? dataSource.unwrap(CallDataSource.class).probe() : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T, X extends Exception> T once(Work<T, X> work, Commit<T> commit, boolean[] committing,
                                             Deadline d) throws SQLException, X {
        ON_ROLLBACK.set(new ArrayList<>(1));
        boolean committed = false;
        DatabaseObserver observer = observer();
        try (Connection c = dataSource.getConnection()) {
            answerWithin(c, d);
            long t0 = System.nanoTime();
            T result;
            try {
                result = work.run(c);
            } catch (Exception e) {
                rollbackQuietly(c, e);
                observer.transaction(DatabaseObserver.End.ROLLED_BACK, System.nanoTime() - t0);
                throw e;
            }
            if (commit.test(result)) {
                committing[0] = true;
                long t1 = System.nanoTime();
                c.commit();
                committed = true;
                long t2 = System.nanoTime();
                observer.committed(t2 - t1);
                observer.transaction(DatabaseObserver.End.COMMITTED, t2 - t0);
            } else {
                c.rollback();
                observer.transaction(DatabaseObserver.End.ROLLED_BACK, System.nanoTime() - t0);
            }
            return result;
        } finally {
            if (committed) {
                ON_ROLLBACK.remove();
            } else {
                rolledBack();
            }
        }
    }

    /** A connection lost once the deadline had passed: its answer did not come in time ({@link #answerWithin}). */
    private static StoreException outOfTime(Exception e) {
        return new StoreException(StoreException.Kind.TIMEOUT, "no answer from the database within the deadline: "
                + e, e);
    }

    /**
     * No wait for the database's answer on {@code c} outlasts the deadline (and a margin for the
     * database's own timeout answer): a statement or a COMMIT whose answer never comes — a server
     * hung, a session stuck after a Galera abort — fails the work as a lost connection instead of
     * holding its thread for ever. The pool puts the connection's own timeout back when it returns.
     */
    private static void answerWithin(Connection c, Deadline d) throws SQLException {
        long ms = d.remaining().toMillis() + ANSWER_MARGIN_MS;
        c.setNetworkTimeout(Runnable::run, (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms)));
    }

    /** Who hears how long transactions take: the {@link Database}'s observer, when it is its pool. */
    private DatabaseObserver observer() {
        return dataSource instanceof CallDataSource pool ? pool.observer() : DatabaseObserver.NONE;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
