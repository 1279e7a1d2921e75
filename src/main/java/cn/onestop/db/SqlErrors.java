package cn.onestop.db;

import cn.onestop.kernel.StoreException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * The one policy for database errors, used by every transaction of the gateway: what is retried,
 * what means the database is out of reach, what means time ran out. Walks the cause chain.
 *
 * <ul>
 *   <li>{@link Verdict#RETRY}: a deadlock or a Galera certification conflict (1213, SQLState
 *       40001), a lock wait that timed out (1205), a row changed under a snapshot (1020), or a lost
 *       race on a unique key (1062): the whole transaction runs again, while its deadline allows;
 *   <li>{@link Verdict#NODE_NOT_READY}: a Galera node that is not (or no longer) in the primary
 *       component or not yet synced refused the statement (1047, "WSREP has not yet prepared node for
 *       application use"): nothing was done there, and the work runs again on a node fit to use, while
 *       its deadline allows;
 *   <li>{@link Verdict#UNAVAILABLE}: no connection (the pool timed out, the server is gone, class 08,
 *       2006 / 2013, a connection killed 1927), or a commit whose outcome is unknown (1180, an error
 *       during COMMIT: a Galera node cut off while replicating it);
 *   <li>{@link Verdict#TIMEOUT}: a statement ran out of time (1969 max_statement_time, 70100
 *       interrupted, a JDBC query timeout);
 *   <li>{@link Verdict#FAILED}: anything else.
 * </ul>
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    public enum Verdict { RETRY, NODE_NOT_READY, UNAVAILABLE, TIMEOUT, FAILED }

    public static Verdict classify(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException s && classify(s) == Verdict.NODE_NOT_READY) {
                return Verdict.NODE_NOT_READY; // SQLState 08S01, but the node is there and did nothing
            }
            if (unreachable(t)) {
                return Verdict.UNAVAILABLE;
            }
            if (t instanceof SQLException s) {
                Verdict v = classify(s);
                if (v != Verdict.FAILED) {
                    return v;
                }
            }
        }
        return Verdict.FAILED;
    }

    private static boolean unreachable(Throwable t) {
        return t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException || t instanceof ConnectException
                || t instanceof NoRouteToHostException || t instanceof UnknownHostException;
    }

    private static Verdict classify(SQLException s) {
        String state = s.getSQLState() == null ? "" : s.getSQLState();
        int code = s.getErrorCode();
        if (code == 1047 || state.equals("08S01") && String.valueOf(s.getMessage()).contains("WSREP has not yet")) {
            return Verdict.NODE_NOT_READY;
        }
        if (state.startsWith("08") || code == 2006 || code == 2013 || code == 1927 || code == 1180) {
            return Verdict.UNAVAILABLE;
        }
        if (s instanceof SQLTransactionRollbackException || "40001".equals(state) || code == 1213 || code == 1205
                || code == 1020 || s instanceof SQLIntegrityConstraintViolationException && code == 1062) {
            return Verdict.RETRY;
        }
        if (s instanceof SQLTimeoutException || code == 1969 || "70100".equals(state)) {
            return Verdict.TIMEOUT;
        }
        return Verdict.FAILED;
    }

    /** Whether the database is out of reach ({@link Verdict#UNAVAILABLE}, or a node not ready). */
    public static boolean isUnavailable(Throwable e) {
        Verdict v = classify(e);
        return v == Verdict.UNAVAILABLE || v == Verdict.NODE_NOT_READY;
    }

    /** The error as the store's exception, its kind decided by this policy (a retry left is a conflict). */
    public static StoreException toStore(String what, Throwable e) {
        StoreException.Kind kind = switch (classify(e)) {
            case UNAVAILABLE, NODE_NOT_READY -> StoreException.Kind.UNAVAILABLE;
            case TIMEOUT -> StoreException.Kind.TIMEOUT;
            case RETRY -> StoreException.Kind.CONFLICT;
            case FAILED -> StoreException.Kind.FAILED;
        };
        return new StoreException(kind, what + ": " + e, e);
    }
}
