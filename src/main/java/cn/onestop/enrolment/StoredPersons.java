package cn.onestop.enrolment;

import cn.onestop.csv.Values;
import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what the ledger holds for the persons of a file, a chunk of persons per query. */
final class StoredPersons {
    private StoredPersons() {}

    /** Each stored person of {@code rows}, by {@link Keys#key} of the person_id. */
    static Map<String, StoredPerson> load(Connection c, List<Row> rows) throws SQLException {
        Map<String, StoredPerson> out = new HashMap<>(rows.size() * 2);
        for (List<Row> chunk : Chunks.of(rows)) {
            load(c, chunk, out);
        }
        return out;
    }

    private static void load(Connection c, List<Row> chunk, Map<String, StoredPerson> out)
            throws SQLException {
        Map<String, String> ids = new HashMap<>();
        Map<String, PersonValues> persons = persons(c, chunk, ids);
        if (persons.isEmpty()) {
            return;
        }
        Map<String, Set<String>> credentials = credentials(c, chunk);
        Map<String, Set<Assistance>> assistance = assistance(c, chunk);
        Map<String, Long> balances = balances(c, chunk);
        Map<String, long[]> accumulators = accumulators(c, chunk);
        for (Map.Entry<String, PersonValues> e : persons.entrySet()) {
            String k = e.getKey();
            out.put(
                    k,
                    new StoredPerson(
                            ids.get(k),
                            e.getValue(),
                            credentials.getOrDefault(k, Set.of()),
                            assistance.getOrDefault(k, Set.of()),
                            balances.get(k),
                            accumulators.get(k)));
        }
    }

    /** The persons rows; {@code ids} gets each stored person_id by key. */
    private static Map<String, PersonValues> persons(
            Connection c, List<Row> chunk, Map<String, String> ids) throws SQLException {
        Map<String, PersonValues> out = new HashMap<>();
        String select =
                "SELECT person_id, name, plan, status, civil_servant, medical_care, cr_disabled,"
                        + " arrears, benefit_start, birth_date, enrolled_on, student, insuplc_admdvs FROM persons";
        query(c, select, chunk, rs -> {
            String id = rs.getString(1);
            ids.put(Keys.key(id), id);
            out.put(
                    Keys.key(id),
                    new PersonValues(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBoolean(5),
                            rs.getBoolean(6),
                            rs.getString(7),
                            rs.getBoolean(8),
                            rs.getObject(9, LocalDate.class),
                            rs.getObject(10, LocalDate.class),
                            rs.getObject(11, LocalDate.class),
                            rs.getBoolean(12),
                            rs.getString(13)));
        });
        return out;
    }

    private static Map<String, Set<String>> credentials(Connection c, List<Row> chunk)
            throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        query(c, "SELECT person_id, cert_type, cert_value FROM credentials", chunk, rs ->
                out.computeIfAbsent(Keys.key(rs.getString(1)), k -> new HashSet<>())
                        .add(Keys.credentialKey(rs.getInt(2), rs.getString(3))));
        return out;
    }

    private static Map<String, Set<Assistance>> assistance(Connection c, List<Row> chunk)
            throws SQLException {
        Map<String, Set<Assistance>> out = new HashMap<>();
        String select =
                "SELECT person_id, category, valid_from, valid_to FROM assistance_identities";
        query(c, select, chunk, rs ->
                out.computeIfAbsent(Keys.key(rs.getString(1)), k -> new HashSet<>())
                        .add(
                                new Assistance(
                                        Values.constant(AssistanceCategory.class, rs.getString(2)),
                                        rs.getObject(3, LocalDate.class),
                                        rs.getObject(4, LocalDate.class))));
        return out;
    }

    private static Map<String, Long> balances(Connection c, List<Row> chunk) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        query(c, "SELECT person_id, balance FROM accounts", chunk, rs ->
                out.put(Keys.key(rs.getString(1)), rs.getLong(2)));
        return out;
    }

    /** The accumulators rows of the plans and opening years that rows ask to open. */
    private static Map<String, long[]> accumulators(Connection c, List<Row> chunk)
            throws SQLException {
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : chunk) {
            byKey.put(Keys.key(r.personId()), r);
        }
        Map<String, long[]> out = new HashMap<>();
        String select =
                "SELECT person_id, plan, year, " + AccumulatorColumns.NAMES + " FROM accumulators";
        query(c, select, chunk, rs -> {
            String k = Keys.key(rs.getString(1));
            Row r = byKey.get(k);
            if (r == null
                    || !r.hasOpening()
                    || !r.plan().equals(rs.getString(2))
                    || r.openingYear() != rs.getInt(3)) {
                return;
            }
            long[] v = new long[Accumulator.count()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rs.getLong(4 + i);
            }
            out.put(k, v);
        });
        return out;
    }

    /** One result row. */
    private interface Each {
        void accept(ResultSet rs) throws SQLException;
    }

    /** {@code select} for the persons of {@code chunk} ({@code WHERE person_id IN (…)}). */
    private static void query(Connection c, String select, List<Row> chunk, Each each)
            throws SQLException {
        String sql = select + " WHERE person_id IN (" + Chunks.marks(chunk.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < chunk.size(); i++) {
                ps.setString(1 + i, chunk.get(i).personId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        }
    }
}
