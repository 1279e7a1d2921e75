package cn.onestop.ledger;

import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.PersonStatus;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Enrolment reads: who holds a credential, what they are entitled to, which institution is which. */
final class PersonStore {
    private PersonStore() {
    }

    /** The person holding {@code credential}, or null. */
    static String byCredential(Connection c, CredentialRef credential) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT person_id FROM credentials WHERE cert_type = ? AND cert_value = ?")) {
            ps.setInt(1, credential.type());
            ps.setString(2, credential.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static final String PERSON_COLUMNS = "p.person_id, p.name, p.plan, p.status, p.civil_servant, "
            + "p.medical_care, p.cr_disabled, p.arrears, p.benefit_start, p.birth_date, p.enrolled_on, p.student, "
            + "a.category, a.valid_from, a.valid_to";

    /**
     * The person holding {@code credential} with their assistance identities, in one round trip;
     * null when nobody holds it. The record's credentials are not loaded (a settlement does not
     * need them).
     */
    static PersonRecord holding(Connection c, CredentialRef credential) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM credentials k "
                + "JOIN persons p ON p.person_id = k.person_id "
                + "LEFT JOIN assistance_identities a ON a.person_id = p.person_id "
                + "WHERE k.cert_type = ? AND k.cert_value = ? ORDER BY a.valid_from, a.category")) {
            ps.setInt(1, credential.type());
            ps.setString(2, credential.value());
            return person(ps, List.of());
        }
    }

    /** A person by number with identities and credentials, or null. */
    static PersonRecord load(Connection c, String personId) throws SQLException {
        List<CredentialRef> credentials = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT cert_type, cert_value FROM credentials WHERE person_id = ? ORDER BY cert_type, cert_value")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    credentials.add(new CredentialRef(rs.getInt(1), rs.getString(2)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM persons p "
                + "LEFT JOIN assistance_identities a ON a.person_id = p.person_id "
                + "WHERE p.person_id = ? ORDER BY a.valid_from, a.category")) {
            ps.setString(1, personId);
            return person(ps, credentials);
        }
    }

    /** One row per assistance identity (or one row with nulls): the person, then the identities. */
    private static PersonRecord person(PreparedStatement ps, List<CredentialRef> credentials) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String personId = rs.getString(1);
            String name = rs.getString(2);
            String plan = rs.getString(3);
            PersonStatus status = PersonStatus.valueOf(rs.getString(4));
            boolean civilServant = rs.getBoolean(5);
            boolean medicalCare = rs.getBoolean(6);
            CrDisabled cr = CrDisabled.valueOf(rs.getString(7));
            boolean arrears = rs.getBoolean(8);
            LocalDate benefitStart = date(rs, 9);
            LocalDate birth = date(rs, 10);
            LocalDate enrolled = date(rs, 11);
            boolean student = rs.getBoolean(12);
            List<AssistanceIdentity> assistance = new ArrayList<>(1);
            do {
                if (rs.getString(13) != null) {
                    assistance.add(new AssistanceIdentity(AssistanceCategory.valueOf(rs.getString(13)), date(rs, 14),
                            date(rs, 15)));
                }
            } while (rs.next());
            return new PersonRecord(personId, name, plan, status, civilServant, medicalCare, cr, arrears, benefitStart,
                    birth, enrolled, student, assistance, credentials);
        }
    }

    /**
     * A registered institution as the engine sees it, with its catalog region.
     *
     * @param region the treating region whose catalog classifies the institution's coded lines
     */
    record Registered(Institution institution, String region) {
    }

    /** A registered institution, or null. */
    static Registered institution(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT level, grade, kind, tcm, dual_channel, "
                + "outpatient_pooling, region FROM institutions WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Registered(new Institution(rs.getInt(1), Grade.valueOf(rs.getString(2)),
                        InstitutionKind.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6)),
                        rs.getString(7));
            }
        }
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }
}
