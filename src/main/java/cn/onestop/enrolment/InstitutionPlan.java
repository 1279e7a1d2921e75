package cn.onestop.enrolment;

import cn.onestop.enrolment.InstitutionImport.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an institutions import changes: each row compared with the stored institution of its code
 * (ignoring case). A new code is inserted, a changed one updated, an identical one not written.
 *
 * @param upserts the rows to write, in file order
 */
record InstitutionPlan(List<Upsert> upserts, int inserted, int updated, int unchanged) {
    /** One row to write, under {@code code}: as stored (its case kept), or as given when new. */
    record Upsert(String code, Row row) {}

    private record Stored(String code, InstitutionValues values) {}

    /** The plan for {@code rows} against what {@code c} holds. */
    static InstitutionPlan against(Connection c, List<Row> rows) throws SQLException {
        Map<String, Stored> stored = load(c, rows);
        List<Upsert> upserts = new ArrayList<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (Row r : rows) {
            Stored old = stored.get(Keys.key(r.code()));
            if (old == null) {
                inserted++;
                upserts.add(new Upsert(r.code(), r));
            } else if (old.values().equals(r.values())) {
                unchanged++;
            } else {
                updated++;
                upserts.add(new Upsert(old.code(), r));
            }
        }
        return new InstitutionPlan(upserts, inserted, updated, unchanged);
    }

    /** The stored institutions of the rows' codes, by case-folded code. */
    private static Map<String, Stored> load(Connection c, List<Row> rows) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        for (List<Row> chunk : Chunks.of(rows)) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT code, name, level, grade, kind, tcm, dual_channel,"
                                    + " outpatient_pooling, region FROM institutions WHERE code"
                                    + " IN ("
                                    + Chunks.marks(chunk.size())
                                    + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(1 + i, chunk.get(i).code());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(Keys.key(rs.getString(1)), stored(rs));
                    }
                }
            }
        }
        return out;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getString(1),
                new InstitutionValues(
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getBoolean(7),
                        rs.getBoolean(8),
                        rs.getString(9)));
    }
}
