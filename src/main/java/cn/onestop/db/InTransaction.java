package cn.onestop.db;

import cn.onestop.kernel.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One unit of work in one transaction that may end in a checked refusal of its own, through
 * {@link Transactions} and its error policy: committed when the work returns, rolled back when it
 * throws. Database errors that the policy does not retry reach the caller as {@link StoreException}.
 */
public final class InTransaction {
    private InTransaction() {
    }

    /** The work, given the transaction's connection; it may throw one checked refusal of its own. */
    public interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    public static <T, X extends Exception> T run(DataSource dataSource, Work<T, X> work) throws X {
        return new Transactions(dataSource).write(null, work::run);
    }
}
