package cn.onestop.db.migration;

import cn.onestop.centre.AdminDivision;
import cn.onestop.centre.Clearing;
import cn.onestop.request.VisitType;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.Scheme;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.rules.parse.RuleTableParser;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the clearing fields of V10 for the rows written before it, the way new rows get them: a
 * person's insured region from the plan (the centre rules' {@code insured_regions}); a settlement's
 * insured region from its person, its treating region from its institution, its clearing type from
 * the visit type in its stored input, its insurance type from the plan's scheme, and its clearing
 * category from the two regions (POLICY §11). The rule versions are the published ones, with the
 * bundled files for what the database does not hold yet (on an upgrade the centre rules are new).
 * Rows already filled are left alone.
 */
public class V11__Clearing_fields_derived extends BaseJavaMigration {
    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        RuleBook book = book(c);
        CentreRules centre = book.latestCentre();
        if (centre == null) {
            throw new SQLException("no centre rules (" + RuleTable.CENTRE_PLAN + ") to take the insured regions from");
        }
        persons(c, centre);
        settlements(c, book, centre);
    }

    /** The published versions, and the bundled ones the database lacks. */
    private static RuleBook book(Connection c) throws SQLException {
        Map<String, RuleTable> byId = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT origin, content FROM rule_versions")) {
            while (rs.next()) {
                RuleTable t = RuleTableParser.parse(rs.getString(1), rs.getBytes(2));
                byId.put(t.id(), t);
            }
        }
        for (RuleTable t : RuleFiles.readBundled()) {
            byId.putIfAbsent(t.id(), t);
        }
        return RuleBook.of(byId.values());
    }

    private static void persons(Connection c, CentreRules centre) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE persons SET insuplc_admdvs = ? WHERE plan = ? AND insuplc_admdvs IS NULL")) {
            for (Map.Entry<String, String> e : centre.insuredRegionByPlan().entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.executeUpdate();
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT plan FROM persons WHERE insuplc_admdvs IS NULL")) {
            List<String> missing = new ArrayList<>();
            while (rs.next()) {
                missing.add(rs.getString(1));
            }
            if (!missing.isEmpty()) {
                throw new SQLException("persons of plan(s) " + missing + " have no insured region: the centre rules' "
                        + "insured_regions name none for them");
            }
        }
    }

    private record Row(String id, String insured, String treating, String plan, String visit) {
    }

    private static void settlements(Connection c, RuleBook book, CentreRules centre) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.settlement_id, p.insuplc_admdvs, "
                     + "COALESCE(i.region, CONCAT(SUBSTRING(s.institution_code, 2, 4), '00')), s.plan, "
                     + "JSON_VALUE(s.engine_input, '$.visit.type') FROM settlements s "
                     + "LEFT JOIN persons p ON p.person_id = s.person_id "
                     + "LEFT JOIN institutions i ON i.code = s.institution_code WHERE s.clr_type IS NULL")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE settlements SET insuplc_admdvs = ?, "
                + "mdtrtarea_admvs = ?, clr_category = ?, clr_type = ?, insutype = ? WHERE settlement_id = ?")) {
            int n = 0;
            for (Row r : rows) {
                Clearing cl = clearing(r, book, centre);
                ps.setString(1, cl.insuredRegion().code());
                ps.setString(2, cl.treatingRegion().code());
                ps.setString(3, cl.category().name());
                ps.setString(4, cl.type().code());
                ps.setString(5, cl.insuranceType().code());
                ps.setString(6, r.id());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static Clearing clearing(Row r, RuleBook book, CentreRules centre) throws SQLException {
        String insured = r.insured() != null ? r.insured() : centre.insuredRegion(r.plan());
        Scheme scheme = book.scheme(r.plan());
        if (insured == null || scheme == null || r.visit() == null || !AdminDivision.isCode(r.treating())) {
            throw new SQLException("settlement " + r.id() + ": cannot derive its clearing fields (person's region "
                    + insured + ", plan " + r.plan() + ", visit " + r.visit() + ", institution region "
                    + r.treating() + ")");
        }
        return Clearing.of(new AdminDivision(insured), new AdminDivision(r.treating()), VisitType.valueOf(r.visit()),
                scheme, centre);
    }
}
