package cn.onestop.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One unit of work in one transaction on a pooled connection: committed when the work returns,
 * rolled back when it throws. Work that decides to write nothing may roll back itself and return.
 */
public final class InTransaction {
    private InTransaction() {
    }

    /** The work, given the transaction's connection; it may throw one checked refusal of its own. */
    public interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    public static <T, X extends Exception> T run(DataSource dataSource, Work<T, X> work) throws SQLException, X {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
