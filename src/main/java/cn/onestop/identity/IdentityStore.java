package cn.onestop.identity;

import cn.onestop.audit.AuditTrail;
import cn.onestop.db.Transactions;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Principals, their tokens and revoked certificates in the database. Every change is written with
 * its audit entry in one transaction.
 */
public final class IdentityStore {
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern REGION = Pattern.compile("\\d{6}");

    private final Transactions tx;

    public IdentityStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** A token as listed: never its secret. */
    public record TokenInfo(String tokenId, String subject, Instant createdAt, Instant revokedAt) {
    }

    public Optional<Principal> principal(String subject) {
        return tx.read(c -> principal(c, subject));
    }

    /** The principal a live token belongs to. */
    Optional<Principal> byTokenHash(byte[] hash) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT subject FROM api_tokens WHERE token_hash = ? "
                    + "AND revoked_at IS NULL")) {
                ps.setBytes(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? principal(c, rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    boolean revoked(String serialHex) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM revoked_certificates WHERE serial = ?")) {
                ps.setString(1, serialHex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static Optional<Principal> principal(Connection c, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT role, institution_code, regions, disabled "
                + "FROM principals WHERE subject = ?")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Principal(subject, Role.valueOf(rs.getString(1)), rs.getString(2),
                        regions(rs.getString(3)), rs.getBoolean(4)));
            }
        }
    }

    /**
     * Adds a principal, or leaves an identical one as it is; a different one under the same name is
     * refused (change a principal by disabling it and adding another name).
     */
    public Principal add(Caller by, Principal p) {
        check(p);
        return tx.write(null, c -> {
            Optional<Principal> old = principal(c, p.subject());
            if (old.isPresent()) {
                if (!old.get().equals(p)) {
                    throw new IllegalArgumentException("principal " + p.subject() + " exists as " + old.get());
                }
                return old.get();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO principals (subject, role, institution_code, "
                    + "regions, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.subject());
                ps.setString(2, p.role().name());
                ps.setString(3, p.institutionCode());
                ps.setString(4, String.join(",", p.regions()));
                ps.setBoolean(5, p.disabled());
                ps.setTimestamp(6, Timestamp.from(now()));
                ps.executeUpdate();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, "PRINCIPAL_ADD", p.subject(), p.role() + " "
                    + (p.institutionCode() == null ? "" : p.institutionCode()) + " " + String.join(",", p.regions()))));
            return p;
        });
    }

    /** Disables (or re-enables) a principal: every certificate and token of it stops working. */
    public void setDisabled(Caller by, String subject, boolean disabled) {
        tx.write(null, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE principals SET disabled = ? WHERE subject = ?")) {
                ps.setBoolean(1, disabled);
                ps.setString(2, subject);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no principal " + subject);
                }
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, disabled ? "PRINCIPAL_DISABLE" : "PRINCIPAL_ENABLE",
                    subject, "")));
            return null;
        });
    }

    /** A new token for {@code subject}; with {@code rotate}, every live token of it is revoked in the same step. */
    public Tokens.Issued issue(Caller by, String subject, boolean rotate) {
        Tokens.Issued t = Tokens.generate();
        return tx.write(null, c -> {
            if (principal(c, subject).isEmpty()) {
                throw new IllegalArgumentException("no principal " + subject + ": add it first");
            }
            int revoked = rotate ? revokeAll(c, subject) : 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (token_id, subject, token_hash, "
                    + "created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, t.tokenId());
                ps.setString(2, subject);
                ps.setBytes(3, Tokens.hash(t.token()));
                ps.setTimestamp(4, Timestamp.from(now()));
                ps.executeUpdate();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, rotate ? "TOKEN_ROTATE" : "TOKEN_ISSUE", subject,
                    "token " + t.tokenId() + (rotate ? ", " + revoked + " revoked" : ""))));
            return t;
        });
    }

    /** Revokes one token by id; returns whether it was live. */
    public boolean revokeToken(Caller by, String tokenId) {
        return tx.write(null, c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? "
                    + "AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(now()));
                ps.setString(2, tokenId);
                n = ps.executeUpdate();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, "TOKEN_REVOKE", tokenId, n == 1 ? "" : "not live")));
            return n == 1;
        });
    }

    private static int revokeAll(Connection c, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE subject = ? "
                + "AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now()));
            ps.setString(2, subject);
            return ps.executeUpdate();
        }
    }

    /** Revokes a client certificate by its serial number (hex). */
    public void revokeCertificate(Caller by, String serialHex, String subject, String reason) {
        tx.write(null, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO revoked_certificates (serial, subject, "
                    + "reason, revoked_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, serialHex.toLowerCase(java.util.Locale.ROOT));
                ps.setString(2, subject);
                ps.setString(3, reason == null ? "" : reason);
                ps.setTimestamp(4, Timestamp.from(now()));
                ps.executeUpdate();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, "CERT_REVOKE", subject, "serial " + serialHex
                    + (reason == null || reason.isBlank() ? "" : ": " + reason))));
            return null;
        });
    }

    public List<Principal> principals() {
        return tx.read(c -> {
            List<Principal> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT subject FROM principals ORDER BY subject");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    principal(c, rs.getString(1)).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    public List<TokenInfo> tokens() {
        return tx.read(c -> {
            List<TokenInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT token_id, subject, created_at, revoked_at "
                    + "FROM api_tokens ORDER BY subject, created_at"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TokenInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        });
    }

    private static void check(Principal p) {
        if (!SUBJECT.matcher(p.subject()).matches()) {
            throw new IllegalArgumentException("subject: letters, digits, '.', '_', ':' or '-', at most 64, got '"
                    + p.subject() + "'");
        }
        for (String r : p.regions()) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("regions: 6-digit admin-division codes, got '" + r + "'");
            }
        }
        if (p.role() == Role.CLEARING && p.regions().isEmpty()) {
            throw new IllegalArgumentException("a CLEARING principal serves at least one insured region");
        }
    }

    private static Set<String> regions(String s) {
        return s == null || s.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.split(",")));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
