package cn.onestop.catalog;

import cn.onestop.db.InTransaction;
import cn.onestop.kernel.Progress;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Catalog versions and their items in the database. A version is published once and never
 * changed; its items, an item set identified by its digest, are written in the same transaction
 * as the first version that uses them, so an import is visible whole or not at all (an import cut
 * off half-way, even by killing the process, is rolled back by the server and leaves nothing).
 * Publishing holds the catalog generation row's lock, so imports run one at a time and check
 * their effective ranges against every published version.
 */
public final class CatalogStore implements CatalogSource {
    /** The audit_log action. */
    public static final String ACTION = "PUBLISH_CATALOG";
    /** Rows per INSERT statement. */
    static final int CHUNK = 1_000;
    private static final int MAX_IN = 512;

    private final DataSource dataSource;
    private final Clock clock;

    public CatalogStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A version that cannot be published; nothing was written. */
    public static final class ConflictException extends Exception {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    /**
     * What a publish did.
     *
     * @param created the versions this call published
     * @param unchanged the versions that were already published with the same items and dates
     * @param itemsWritten item rows written: 0 when the item set was already stored
     */
    public record Publication(List<CatalogVersion> created, List<CatalogVersion> unchanged, int itemsWritten) {
        public Publication {
            created = List.copyOf(created);
            unchanged = List.copyOf(unchanged);
        }
    }

    /**
     * Publishes one version per region, all with these items and dates, in one transaction. A
     * version already published with the same items and dates is left as it is (importing a file
     * again is a no-op: nothing is written at all).
     *
     * @param items sorted by code, without repeats, whose digest is {@code digest}
     * @param progress told how many item rows are written, as each statement of {@value #CHUNK} is;
     *     may be null. Called inside the transaction: if it throws, nothing is written
     * @throws ConflictException a region already has a different version starting on that date (a
     *     published version never changes), or the new range overlaps a published version
     */
    public Publication publish(List<String> regions, LocalDate effectiveFrom, LocalDate effectiveTo, String source,
                               List<CatalogItem> items, String digest, Progress progress)
            throws SQLException, ConflictException {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region");
        }
        String from = source.length() > 200 ? source.substring(0, 200) : source;
        CatalogPublication p = new CatalogPublication(regions, effectiveFrom, effectiveTo, from, items, digest,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return InTransaction.run(dataSource, c -> p.publish(c, versions(c), Progress.orNone(progress)));
    }

    public long generation() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT generation FROM catalog_generation WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public List<CatalogVersion> versions() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return versions(c);
        }
    }

    private static List<CatalogVersion> versions(Connection c) throws SQLException {
        List<CatalogVersion> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT v.region, v.effective_from, v.effective_to, s.digest, "
                + "s.items, v.source, v.published_at FROM catalog_versions v JOIN catalog_item_sets s "
                + "ON s.set_id = v.set_id ORDER BY v.region, v.effective_from");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Date to = rs.getDate(3);
                out.add(new CatalogVersion(rs.getString(1), rs.getDate(2).toLocalDate(),
                        to == null ? null : to.toLocalDate(), rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant()));
            }
        }
        return out;
    }

    /**
     * Looks the codes up in one query per {@value #MAX_IN} codes; IN lists are padded to a power of
     * two, so that the server sees few distinct statements.
     */
    @Override
    public Map<String, CatalogItem> items(Connection c, CatalogVersion version, Collection<String> codes)
            throws SQLException {
        Map<String, CatalogItem> out = new HashMap<>(codes.size() * 2);
        if (codes.isEmpty()) {
            return out;
        }
        if (c == null) {
            try (Connection own = dataSource.getConnection()) {
                return items(own, version, codes);
            }
        }
        Iterator<String> it = codes.iterator();
        int left = codes.size();
        while (left > 0) {
            int size = Math.min(MAX_IN, left);
            int padded = Integer.highestOneBit(size) == size ? size : Integer.highestOneBit(size) << 1;
            StringBuilder sql = new StringBuilder("SELECT code, name, kind, category, price_limit, self_ratio_bp, "
                    + "tcm_drug FROM catalog_items WHERE set_id = (SELECT set_id FROM catalog_item_sets WHERE "
                    + "digest = ?) AND code IN (");
            for (int i = 0; i < padded; i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            sql.append(')');
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setString(1, version.digest());
                String last = null;
                for (int i = 0; i < padded; i++) {
                    if (i < size) {
                        last = it.next();
                    }
                    ps.setString(2 + i, last);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long limit = rs.getLong(5);
                        if (rs.wasNull()) {
                            limit = BillLine.NO_LIMIT;
                        }
                        int ratio = rs.getInt(6);
                        if (rs.wasNull()) {
                            ratio = BillLine.NO_RATIO;
                        }
                        CatalogItem item = new CatalogItem(rs.getString(1), rs.getString(2),
                                ItemKind.valueOf(rs.getString(3)), Category.valueOf(rs.getString(4)), limit, ratio,
                                rs.getBoolean(7));
                        out.put(item.code(), item);
                    }
                }
            }
            left -= size;
        }
        return out;
    }
}
