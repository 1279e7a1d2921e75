package cn.onestop.ledger;

import cn.onestop.db.SqlErrors;
import cn.onestop.kernel.StoreException;

import java.sql.SQLException;

/** JDBC calls behind the ledger's ports: a database error leaves as a {@link StoreException}, cause kept. */
final class Sql {
    private Sql() {
    }

    interface Call<T> {
        T run() throws SQLException;
    }

    interface Action {
        void run() throws SQLException;
    }

    static <T> T get(String what, Call<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw SqlErrors.toStore(what, e);
        }
    }

    static void run(String what, Action action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw SqlErrors.toStore(what, e);
        }
    }

    /** {@code n} groups of {@code group}, comma separated: the VALUES of a multi-row insert. */
    static String rows(String group, int n) {
        StringBuilder sb = new StringBuilder(group.length() * n + n * 2);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(group);
        }
        return sb.toString();
    }

    /** {@code n} placeholders, comma separated. */
    static String marks(int n) {
        return rows("?", n);
    }
}
