package cn.onestop.enrolment;

import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.kernel.RowError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Credentials of the file that the ledger gives to a person who is not in the file: such a
 * credential would be taken from its owner, so the file is refused. (A credential moving between
 * two persons of the file is allowed: both are rewritten.)
 */
final class CredentialOwners {
    private CredentialOwners() {}

    /** One error per credential of {@code rows} owned by a person not in the file. */
    static List<RowError> check(Connection c, List<Row> rows) throws SQLException {
        Set<String> inFile = new HashSet<>(rows.size() * 2);
        for (Row r : rows) {
            inFile.add(Keys.key(r.personId()));
        }
        List<RowError> errors = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            List<Row> with = new ArrayList<>();
            for (Row r : rows) {
                if (r.credentials().containsKey(t)) {
                    with.add(r);
                }
            }
            for (List<Row> chunk : Chunks.of(with)) {
                Map<String, String> owners = owners(c, t, chunk);
                for (Row r : chunk) {
                    String owner = owners.get(Keys.key(r.credentials().get(t)));
                    if (owner != null
                            && !Keys.key(owner).equals(Keys.key(r.personId()))
                            && !inFile.contains(Keys.key(owner))) {
                        errors.add(error(r, t, owner));
                    }
                }
            }
        }
        return errors;
    }

    /** The stored owner of each credential of type {@code t} of {@code chunk}, by key of the value. */
    private static Map<String, String> owners(Connection c, int t, List<Row> chunk)
            throws SQLException {
        Map<String, String> owners = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT cert_value, person_id FROM credentials"
                                + " WHERE cert_type = ? AND cert_value IN ("
                                + Chunks.marks(chunk.size())
                                + ")")) {
            ps.setInt(1, t);
            for (int i = 0; i < chunk.size(); i++) {
                ps.setString(2 + i, chunk.get(i).credentials().get(t));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owners.put(Keys.key(rs.getString(1)), rs.getString(2));
                }
            }
        }
        return owners;
    }

    private static RowError error(Row r, int t, String owner) {
        String col = PersonCsv.CREDENTIAL_COLUMNS.get(t - 1);
        return new RowError(
                r.line(),
                col,
                col
                        + " "
                        + r.credentials().get(t)
                        + " already belongs to person "
                        + owner
                        + " in the ledger");
    }
}
