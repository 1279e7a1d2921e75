package cn.onestop.enrolment;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A prepared statement's pending batch: executed on {@link #flush()}, or every {@code limit} rows. */
final class Batch {
    private final PreparedStatement ps;
    private final int limit;
    private int pending;

    /** A batch executed only on {@link #flush()}. */
    Batch(PreparedStatement ps) {
        this(ps, Integer.MAX_VALUE);
    }

    /** A batch also executed whenever {@code limit} rows are pending. */
    Batch(PreparedStatement ps, int limit) {
        this.ps = ps;
        this.limit = limit;
    }

    /** The statement to bind before {@link #add()}. */
    PreparedStatement statement() {
        return ps;
    }

    /** Adds the row bound on the statement. */
    void add() throws SQLException {
        ps.addBatch();
        if (++pending >= limit) {
            flush();
        }
    }

    /** Executes the pending rows, if any. */
    void flush() throws SQLException {
        if (pending > 0) {
            ps.executeBatch();
            pending = 0;
        }
    }
}
