package cn.onestop.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import cn.onestop.rules.parse.RuleFiles;

/** Enrolment rows written straight into a test database: institutions, and persons with a credential and an account. */
public final class TestRows {
    private TestRows() {
    }

    /** A designated institution; its region comes from its code. */
    public static void institution(Connection c, String code, int level, String grade, String kind, boolean tcm,
                            boolean dual, boolean pooling) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO institutions (code, name, level, grade, kind, tcm, "
                + "dual_channel, outpatient_pooling) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, code);
            ps.setString(2, "test " + code);
            ps.setInt(3, level);
            ps.setString(4, grade);
            ps.setString(5, kind);
            ps.setBoolean(6, tcm);
            ps.setBoolean(7, dual);
            ps.setBoolean(8, pooling);
            ps.executeUpdate();
        }
    }

    /** The insured region of each bundled plan, as the centre rules give them (the import's default). */
    private static final Map<String, String> PLAN_REGIONS =
            RuleFiles.loadBundled().latestCentre().insuredRegionByPlan();

    /**
     * A person with an e-voucher credential {@code EV-<id>}, an account and its opening entry, insured in
     * the plan's region.
     */
    public static void enrol(Connection c, String id, String plan, String status, boolean civilServant, long balance,
                      String benefitStart) throws SQLException {
        enrol(c, id, plan, PLAN_REGIONS.getOrDefault(plan, "159900"), status, civilServant, balance, benefitStart);
    }

    /** As {@link #enrol(Connection, String, String, String, boolean, long, String)}, insured in {@code region}. */
    public static void enrol(Connection c, String id, String plan, String region, String status, boolean civilServant,
                             long balance, String benefitStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO persons (person_id, name, plan, status, "
                + "civil_servant, benefit_start, insuplc_admdvs) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "测试 " + id);
            ps.setString(3, plan);
            ps.setString(4, status);
            ps.setBoolean(5, civilServant);
            ps.setDate(6, benefitStart == null ? null : java.sql.Date.valueOf(benefitStart));
            ps.setString(7, region);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO credentials (cert_type, cert_value, person_id) VALUES (1, ?, ?)")) {
            ps.setString(1, "EV-" + id);
            ps.setString(2, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (person_id, balance) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, balance);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_journal (person_id, kind, amount, "
                + "balance_after) VALUES (?, 'OPENING', ?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, balance);
            ps.setLong(3, balance);
            ps.executeUpdate();
        }
    }

}
