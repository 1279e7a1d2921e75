package cn.onestop.enrolment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A number that moves with every import that changes persons or institutions, written in the
 * import's transaction; every node's {@link PersonDirectory} polls it and drops what it cached.
 */
final class EnrolmentGeneration {
    private EnrolmentGeneration() {
    }

    static void bump(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE enrolment_generation SET generation = generation + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
    }

    static long read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM enrolment_generation WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }
}
