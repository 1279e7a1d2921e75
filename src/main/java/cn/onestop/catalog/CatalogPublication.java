package cn.onestop.catalog;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.Progress;
import cn.onestop.request.BillLine;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One publish of {@link CatalogStore#publish}, inside its transaction: which versions it creates
 * (and which it finds already published alike), the item set written once, the versions, the
 * generation and the audit trail.
 */
final class CatalogPublication {
    private final List<String> regions;
    private final LocalDate effectiveFrom;
    private final LocalDate effectiveTo;
    private final String from;
    private final List<CatalogItem> items;
    private final String digest;
    private final Instant now;

    CatalogPublication(List<String> regions, LocalDate effectiveFrom, LocalDate effectiveTo, String from,
                       List<CatalogItem> items, String digest, Instant now) {
        this.regions = regions;
        this.effectiveFrom = effectiveFrom;
        this.effectiveTo = effectiveTo;
        this.from = from;
        this.items = items;
        this.digest = digest;
        this.now = now;
    }

    /** The versions to create, and those already published with the same items and dates. */
    private record Plan(List<CatalogVersion> created, List<CatalogVersion> unchanged) {
    }

    CatalogStore.Publication publish(Connection c, List<CatalogVersion> published, Progress progress)
            throws SQLException, CatalogStore.ConflictException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT generation FROM catalog_generation WHERE id = 1 FOR UPDATE")) {
            ps.executeQuery().close();
        }
        Plan plan;
        try {
            plan = plan(CatalogIndex.of(published));
        } catch (CatalogStore.ConflictException e) {
            c.rollback();
            throw e;
        }
        if (plan.created().isEmpty()) {
            c.rollback();
            return new CatalogStore.Publication(List.of(), plan.unchanged(), 0);
        }
        int written = 0;
        Integer setId = setId(c, digest);
        if (setId == null) {
            setId = insertSet(c, digest, items.size(), now);
            progress.start(from + ": writing items", items.size());
            written = insertItems(c, setId, items, progress);
            progress.done();
        }
        List<CatalogVersion> out = insertVersions(c, plan.created(), setId);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
        for (CatalogVersion v : out) {
            AuditTrail.record(c, CatalogStore.ACTION, v.id(), "digest " + digest + ", " + items.size() + " items, "
                    + "effective " + v.effectiveFrom() + ".." + (v.effectiveTo() == null ? "" : v.effectiveTo())
                    + ", from " + from + (written == 0 ? " (item set already stored)" : ""));
        }
        return new CatalogStore.Publication(out, plan.unchanged(), written);
    }

    private Plan plan(CatalogIndex index) throws CatalogStore.ConflictException {
        List<CatalogVersion> created = new ArrayList<>();
        List<CatalogVersion> unchanged = new ArrayList<>();
        for (String region : regions) {
            CatalogVersion v = new CatalogVersion(region, effectiveFrom, effectiveTo, digest, items.size(), from, null);
            CatalogVersion old = index.byId(v.id());
            if (old != null) {
                if (old.digest().equals(digest) && Objects.equals(old.effectiveTo(), effectiveTo)) {
                    unchanged.add(old);
                    continue;
                }
                throw new CatalogStore.ConflictException(v.id() + " is already published with "
                        + (old.digest().equals(digest) ? "effective_to " + old.effectiveTo()
                        : "other items (digest " + old.digest().substring(0, 12) + "…, " + old.items()
                        + " items)") + "; a published catalog version never changes: publish a new "
                        + "effective date");
            }
            try {
                index = index.with(v);
            } catch (IllegalArgumentException e) {
                throw new CatalogStore.ConflictException(e.getMessage());
            }
            created.add(v);
        }
        return new Plan(created, unchanged);
    }

    private List<CatalogVersion> insertVersions(Connection c, List<CatalogVersion> created, int setId)
            throws SQLException {
        List<CatalogVersion> published = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_versions (version_id, region, "
                + "effective_from, effective_to, set_id, source, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (CatalogVersion v : created) {
                ps.setString(1, v.id());
                ps.setString(2, v.region());
                ps.setDate(3, Date.valueOf(v.effectiveFrom()));
                ps.setDate(4, v.effectiveTo() == null ? null : Date.valueOf(v.effectiveTo()));
                ps.setInt(5, setId);
                ps.setString(6, from);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.executeUpdate();
                published.add(v.published(from, now));
            }
        }
        return published;
    }

    private static Integer setId(Connection c, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_id FROM catalog_item_sets WHERE digest = ?")) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static int insertSet(Connection c, String digest, int items, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_item_sets (digest, items, created_at) "
                + "VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, digest);
            ps.setInt(2, items);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Multi-row INSERTs of {@value #CatalogStore.CHUNK} rows: one round trip and one statement per chunk. */
    private static int insertItems(Connection c, int setId, List<CatalogItem> items, Progress progress)
            throws SQLException {
        int n = items.size();
        int done = 0;
        PreparedStatement full = null;
        try {
            while (done < n) {
                int size = Math.min(CatalogStore.CHUNK, n - done);
                PreparedStatement ps;
                if (size == CatalogStore.CHUNK) {
                    if (full == null) {
                        full = c.prepareStatement(insert(CatalogStore.CHUNK));
                    }
                    ps = full;
                } else {
                    ps = c.prepareStatement(insert(size));
                }
                try {
                    int p = 1;
                    for (int i = done; i < done + size; i++) {
                        CatalogItem it = items.get(i);
                        ps.setInt(p++, setId);
                        ps.setString(p++, it.code());
                        ps.setString(p++, it.name());
                        ps.setString(p++, it.kind().name());
                        ps.setString(p++, it.category().name());
                        if (it.limited()) {
                            ps.setLong(p++, it.priceLimit());
                        } else {
                            ps.setNull(p++, Types.BIGINT);
                        }
                        if (it.selfRatioBp() == BillLine.NO_RATIO) {
                            ps.setNull(p++, Types.SMALLINT);
                        } else {
                            ps.setInt(p++, it.selfRatioBp());
                        }
                        ps.setBoolean(p++, it.tcmDrug());
                    }
                    ps.executeUpdate();
                } finally {
                    if (ps != full) {
                        ps.close();
                    }
                }
                done += size;
                progress.advance(size);
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
        return n;
    }

    private static String insert(int rows) {
        StringBuilder sb = new StringBuilder(100 + rows * 18).append("INSERT INTO catalog_items (set_id, code, name, "
                + "kind, category, price_limit, self_ratio_bp, tcm_drug) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?)");
        }
        return sb.toString();
    }
}
