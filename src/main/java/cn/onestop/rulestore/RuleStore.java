package cn.onestop.rulestore;

import cn.onestop.db.InTransaction;
import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Role;
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
import java.util.Optional;

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
            Result<Published> r = publish(Caller.local("release"), f.origin(), f.content(),
                    "a rule table bundled with this release");
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
     * Publishes one rule file, for a CENTRE_ADMIN caller. The same bytes again are a no-op returning
     * the stored version; a different version with the same plan and start date is {@code
     * RULE_VERSION_EXISTS}; an overlap is {@code RULE_VERSION_CONFLICT}; a file that does not
     * validate is INVALID_ARGUMENT; a version that would take effect on a date on which settlements
     * of its plan already exist is {@code RULE_VERSION_RETROACTIVE} unless {@code forceReason} says
     * why it must (kept with the version and in the audit trail).
     *
     * @param forceReason null or blank: not forced
     */
    public Result<Published> publish(Caller by, String origin, byte[] content, String forceReason)
            throws SQLException {
        var denied = by.unless("publish rule versions", Role.CENTRE_ADMIN);
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        String forced = forceReason == null || forceReason.isBlank() ? null : forceReason.strip();
        if (forced != null && forced.length() > 500) {
            return Result.invalid("force_reason", "is longer than 500 characters");
        }
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
            Optional<Result<Published>> refused = refusal(c, table, forced);
            if (refused.isPresent()) {
                c.rollback();
                return refused.get();
            }
            String kept = forced != null && settledOn(c, table) ? forced : null; // kept only where it was needed
            java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            insert(c, table, origin, content, now, kept, publisher(by));
            AuditTrail.append(c, List.of(AuditEvent.of(by, "PUBLISH_RULES", table.id(), "digest " + table.digest()
                    + " from " + origin + (kept == null ? "" : "; forced over settled dates: " + kept))));
            return Result.ok(new Published(meta(table, origin, now, kept, publisher(by)), true));
        });
    }

    /**
     * Why the version cannot be published as it is, under the generation row's lock: already
     * published (the same content answers as published, nothing new), overlapping another version,
     * or taking effect over settled dates without a written reason.
     */
    private Optional<Result<Published>> refusal(Connection c, RuleTable table, String forced) throws SQLException {
        List<Stored> all = loadAll(c);
        for (Stored s : all) {
            if (s.meta().id().equals(table.id())) {
                return Optional.of(s.meta().digest().equals(table.digest())
                        ? Result.ok(new Published(s.meta(), false))
                        : Result.failed(Reason.RULE_VERSION_EXISTS, table.id() + " is already published with "
                                + "other content; a published version never changes, publish a new effective date"));
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
            return Optional.of(Result.failed(Reason.RULE_VERSION_CONFLICT, e.getMessage()));
        }
        if (forced == null && settledOn(c, table)) {
            return Optional.of(Result.failed(Reason.RULE_VERSION_RETROACTIVE, "settlements of plan " + table.plan()
                    + " already exist on or after " + table.effectiveFrom()
                    + (table.effectiveTo() == null ? "" : " (to " + table.effectiveTo() + ")")
                    + ": a version cannot take effect on their dates unless forced with a written reason"));
        }
        return Optional.empty();
    }

    /** The version's row, and the generation every node polls moved on. */
    private static void insert(Connection c, RuleTable table, String origin, byte[] content, java.time.Instant now,
                               String forcedReason, String publishedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_versions (version_id, plan, "
                + "effective_from, effective_to, digest, document, origin, content, published_at, forced_reason, "
                + "published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, table.id());
            ps.setString(2, table.plan());
            ps.setDate(3, Date.valueOf(table.effectiveFrom()));
            ps.setDate(4, table.effectiveTo() == null ? null : Date.valueOf(table.effectiveTo()));
            ps.setString(5, table.digest());
            ps.setString(6, document(table));
            ps.setString(7, origin);
            ps.setBytes(8, content);
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setString(10, forcedReason);
            ps.setString(11, publishedBy);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE rule_generation SET generation = generation + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
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
                + "document, origin, content, published_at, forced_reason, published_by FROM rule_versions "
                + "ORDER BY plan, effective_from");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RuleVersionInfo m = new RuleVersionInfo(rs.getString(1), rs.getString(2),
                        rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(9).toInstant(),
                        rs.getString(10), rs.getString(11));
                out.add(new Stored(m, rs.getBytes(8)));
            }
        }
        return out;
    }

    static RuleVersionInfo meta(RuleTable t, String origin, java.time.Instant publishedAt, String forced,
                                String publishedBy) {
        return new RuleVersionInfo(t.id(), t.plan(), t.effectiveFrom(), t.effectiveTo(), t.digest(), document(t),
                origin, publishedAt, forced, publishedBy);
    }

    /** The publisher as stored (the column holds 100 characters, a subject at most 64). */
    private static String publisher(Caller by) {
        String s = by.subject();
        return s.length() <= 100 ? s : s.substring(0, 100);
    }

    /** Whether settlements of the table's plan exist on a date in its range. */
    private static boolean settledOn(Connection c, RuleTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM settlements WHERE plan = ? AND settle_date >= ? "
                + (t.effectiveTo() == null ? "" : "AND settle_date <= ? ") + "LIMIT 1")) {
            ps.setString(1, t.plan());
            ps.setDate(2, Date.valueOf(t.effectiveFrom()));
            if (t.effectiveTo() != null) {
                ps.setDate(3, Date.valueOf(t.effectiveTo()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The document title as stored (the column holds 500 characters). */
    private static String document(RuleTable t) {
        String doc = t.document();
        return doc == null || doc.length() <= 500 ? doc : doc.substring(0, 500);
    }
}
