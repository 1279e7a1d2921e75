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

    static PersonRecord load(Connection c, String personId) throws SQLException {
        PersonRecord base;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, plan, status, civil_servant, medical_care, "
                + "cr_disabled, arrears, benefit_start, birth_date, enrolled_on, student FROM persons WHERE person_id = ?")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                base = new PersonRecord(personId, rs.getString(1), rs.getString(2),
                        PersonStatus.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getBoolean(5),
                        CrDisabled.valueOf(rs.getString(6)), rs.getBoolean(7), date(rs, 8), date(rs, 9), date(rs, 10),
                        rs.getBoolean(11), List.of(), List.of());
            }
        }
        List<AssistanceIdentity> assistance = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT category, valid_from, valid_to "
                + "FROM assistance_identities WHERE person_id = ? ORDER BY valid_from, category")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assistance.add(new AssistanceIdentity(AssistanceCategory.valueOf(rs.getString(1)), date(rs, 2),
                            date(rs, 3)));
                }
            }
        }
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
        return new PersonRecord(base.personId(), base.name(), base.plan(), base.status(), base.civilServant(),
                base.medicalCare(), base.crDisabled(), base.arrears(), base.benefitStart(), base.birthDate(),
                base.enrolledOn(), base.student(), assistance, credentials);
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
