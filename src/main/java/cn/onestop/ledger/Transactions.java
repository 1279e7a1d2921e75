package cn.onestop.ledger;

import cn.onestop.kernel.Result;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;

/**
 * Runs a unit of work in one transaction: commit on an answer, roll back on a refusal or an
 * error. A deadlock, or losing a race on a unique key (two identical retries at once), is retried
 * from the start: the second attempt sees the winner's committed rows.
 */
final class Transactions {
    private static final int ATTEMPTS = 4;

    interface Work<T> {
        Result<T> run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> Result<T> run(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Result<T> r = work.run(c);
                    if (r.isOk()) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    return r;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    if (attempt < ATTEMPTS && retryable(e)) {
                        continue;
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    /** Read-only work without a transaction of its own. */
    <T> T read(ReadWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    interface ReadWork<T> {
        T run(Connection c) throws SQLException;
    }

    static boolean retryable(Throwable e) {
        if (e instanceof SQLTransactionRollbackException) {
            return true; // deadlock (40001)
        }
        if (e instanceof SQLException s) {
            return "40001".equals(s.getSQLState()) || s.getErrorCode() == 1213
                    || e instanceof SQLIntegrityConstraintViolationException && s.getErrorCode() == 1062;
        }
        return false;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
