package cn.onestop.rulestore;

import cn.onestop.db.InTransaction;
import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.RuleVersionConflictException;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.rules.parse.RuleLoadException;
import cn.onestop.rules.parse.RuleTableParser;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule versions in the database: published once, never updated. Publishing inserts the version
 * and bumps the rule generation in one transaction, after checking it against every published
 * version under the generation row's lock, so two nodes cannot publish overlapping versions.
 */
public final class RuleStore {
    private final DataSource dataSource;
    private final Clock clock;

    public RuleStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A published version as stored. */
    public record Stored(RuleVersionInfo meta, byte[] content) {
    }

    /** The outcome of a publish: the version, and whether this call created it. */
    public record Published(RuleVersionInfo version, boolean created) {
    }

    /**
     * Publishes the bundled sample tables that are not in the database yet (first start); a
     * bundled file that differs from the published version of the same id is left alone (the
     * database is the record) and reported.
     */
    public List<String> seed(List<RuleFiles.RuleFile> files) throws SQLException {
        List<String> notes = new ArrayList<>();
        for (RuleFiles.RuleFile f : files) {
            Result<Published> r = publish(f.origin(), f.content());
            if (r instanceof Result.Failed<Published> failed) {
                if (failed.failure().reason() != Reason.RULE_VERSION_EXISTS) {
                    throw new IllegalStateException("bundled rule file " + f.origin() + ": "
                            + failed.failure().message());
                }
                notes.add(f.origin() + ": differs from the published version, which stays in force");
            } else if (r.value().created()) {
                notes.add(f.origin() + ": published " + r.value().version().id());
            }
        }
        return notes;
    }

    /**
     * Publishes one rule file. The same bytes again are a no-op returning the stored version; a
     * different version with the same plan and start date is {@code RULE_VERSION_EXISTS}; an
     * overlap is {@code RULE_VERSION_CONFLICT}; a file that does not validate is INVALID_ARGUMENT.
     */
    public Result<Published> publish(String origin, byte[] content) throws SQLException {
        RuleTable table;
        try {
            table = RuleTableParser.parse(origin, content);
        } catch (RuleLoadException e) {
            return Result.invalid("content", e.getMessage());
        }
        return InTransaction.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT generation FROM rule_generation WHERE id = 1 FOR UPDATE")) {
                ps.executeQuery().close();
            }
            List<Stored> all = loadAll(c);
            for (Stored s : all) {
                if (s.meta().id().equals(table.id())) {
                    c.rollback();
                    if (s.meta().digest().equals(table.digest())) {
                        return Result.ok(new Published(s.meta(), false));
                    }
                    return Result.failed(Reason.RULE_VERSION_EXISTS, table.id() + " is already published with "
                            + "other content; a published version never changes, publish a new effective date");
                }
            }
            List<RuleTable> tables = new ArrayList<>();
            for (Stored s : all) {
                tables.add(RuleTableParser.parse(s.meta().origin(), s.content()));
            }
            tables.add(table);
            try {
                RuleBook.of(tables);
            } catch (RuleVersionConflictException e) {
                c.rollback();
                return Result.failed(Reason.RULE_VERSION_CONFLICT, e.getMessage());
            }
            java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_versions (version_id, plan, "
                    + "effective_from, effective_to, digest, document, origin, content, published_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, table.id());
                ps.setString(2, table.plan());
                ps.setDate(3, Date.valueOf(table.effectiveFrom()));
                ps.setDate(4, table.effectiveTo() == null ? null : Date.valueOf(table.effectiveTo()));
                ps.setString(5, table.digest());
                ps.setString(6, document(table));
                ps.setString(7, origin);
                ps.setBytes(8, content);
                ps.setTimestamp(9, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rule_generation SET generation = generation + 1 WHERE id = 1")) {
                ps.executeUpdate();
            }
            AuditTrail.record(c, "PUBLISH_RULES", table.id(), "digest " + table.digest() + " from " + origin);
            return Result.ok(new Published(meta(table, origin, now), true));
        });
    }

    /** Every published version as one book (what a node would settle with right now). */
    public RuleBook book() throws SQLException {
        List<RuleTable> tables = new ArrayList<>();
        for (Stored s : loadAll()) {
            tables.add(RuleTableParser.parse(s.meta().origin(), s.content()));
        }
        return RuleBook.of(tables);
    }

    public long generation() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT generation FROM rule_generation WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public List<Stored> loadAll() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return loadAll(c);
        }
    }

    private static List<Stored> loadAll(Connection c) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version_id, plan, effective_from, effective_to, digest, "
                + "document, origin, content, published_at FROM rule_versions ORDER BY plan, effective_from");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RuleVersionInfo m = new RuleVersionInfo(rs.getString(1), rs.getString(2),
                        rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(9).toInstant());
                out.add(new Stored(m, rs.getBytes(8)));
            }
        }
        return out;
    }

    static RuleVersionInfo meta(RuleTable t, String origin, java.time.Instant publishedAt) {
        return new RuleVersionInfo(t.id(), t.plan(), t.effectiveFrom(), t.effectiveTo(), t.digest(), document(t),
                origin, publishedAt);
    }

    /** The document title as stored (the column holds 500 characters). */
    private static String document(RuleTable t) {
        String doc = t.document();
        return doc == null || doc.length() <= 500 ? doc : doc.substring(0, 500);
    }
}
