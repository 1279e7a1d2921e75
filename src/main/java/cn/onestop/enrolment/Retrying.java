package cn.onestop.enrolment;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;

/** An import's transaction redone when it lost to a concurrent one, at most {@value #ATTEMPTS} times. */
final class Retrying {
    static final int ATTEMPTS = 3;

    private Retrying() {}

    /** One attempt: a whole transaction. */
    interface Attempt<T> {
        T run() throws SQLException;
    }

    /** Runs {@code attempt} until it succeeds, fails for another reason, or has been tried enough. */
    static <T> T run(Attempt<T> attempt) throws SQLException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (n >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    /** A deadlock, a lock wait timeout or a lost race on a key: the whole transaction is redone. */
    static boolean retryable(SQLException e) {
        return e instanceof SQLTransactionRollbackException
                || "40001".equals(e.getSQLState())
                || e.getErrorCode() == 1213
                || e.getErrorCode() == 1205
                || e instanceof SQLIntegrityConstraintViolationException
                        && e.getErrorCode() == 1062;
    }
}
