package cn.onestop.catalog;

import cn.onestop.request.ItemLine;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The catalogs this node classifies with. The index of versions (small) is held whole and rebuilt
 * when the catalog generation moves (a poller checks it every few seconds, as for rules); items
 * are looked up on demand through a bounded Caffeine cache keyed by (item set, code), over the
 * database. Versions and item sets never change, so an entry, a miss included, never goes stale:
 * a code a version lacks is cached as absent too, so a repeated unknown code costs no query.
 * Versions of several regions that share an item set share its cache entries.
 */
public final class CatalogCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);

    /** Cache key: an item set (by digest) and a code. */
    private record Key(String set, String code) {
    }

    /** The cached value of a code the item set lacks. */
    private static final CatalogItem ABSENT = new CatalogItem("0", "(absent)", ItemKind.DRUG, Category.SELF,
            BillLine.NO_LIMIT, BillLine.NO_RATIO, false);

    private final CatalogSource source;
    private final Cache<Key, CatalogItem> items;
    private final ScheduledExecutorService poller;
    private volatile CatalogIndex index = CatalogIndex.empty();
    private volatile long generation = -1;

    /**
     * @param maximumSize the most items (and known misses) held
     * @param pollEvery how often to look for versions published elsewhere; null: never (call {@link #refresh})
     */
    public CatalogCache(CatalogSource source, long maximumSize, Duration pollEvery) throws SQLException {
        this.source = source;
        this.items = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        refresh();
        if (pollEvery == null) {
            poller = null;
        } else {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "catalog-poller");
                t.setDaemon(true);
                return t;
            });
            long ms = pollEvery.toMillis();
            poller.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** The version of {@code region}'s catalog in force on {@code date}, or null. */
    public CatalogVersion inForce(String region, LocalDate date) {
        return index.find(region, date);
    }

    /** The versions this node knows. */
    public CatalogIndex index() {
        return index;
    }

    public long generation() {
        return generation;
    }

    /** Rebuilds the index if the generation moved; returns whether it did. */
    public synchronized boolean refresh() throws SQLException {
        long g = source.generation();
        if (g == generation) {
            return false;
        }
        index = CatalogIndex.of(source.versions());
        generation = g;
        LOG.info("catalog generation {}: {} versions", g, index.versions().size());
        return true;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("catalog refresh failed, keeping generation {}: {}", generation, e.toString());
        }
    }

    /**
     * Classifies a bill with {@code version}: {@link CatalogClassifier#classify} with every coded
     * line's item looked up here. Codes not cached are fetched together, in one query per few hundred
     * codes, on the caller's connection.
     */
    public CatalogClassifier.Classified classify(Connection c, CatalogVersion version, List<ItemLine> lines)
            throws SQLException {
        String set = version.digest();
        CatalogItem[] byLine = new CatalogItem[lines.size()];
        List<Integer> missing = null;
        for (int i = 0; i < byLine.length; i++) {
            ItemLine l = lines.get(i);
            if (!l.usesCatalog()) {
                continue;
            }
            CatalogItem hit = items.getIfPresent(new Key(set, l.itemCode()));
            if (hit != null) {
                byLine[i] = hit == ABSENT ? null : hit;
            } else if (CatalogItem.isCode(l.itemCode())) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(i);
            }
        }
        if (missing != null) {
            Set<String> codes = new LinkedHashSet<>();
            for (int i : missing) {
                codes.add(lines.get(i).itemCode());
            }
            Map<String, CatalogItem> loaded = load(c, version, codes);
            for (int i : missing) {
                byLine[i] = loaded.get(lines.get(i).itemCode());
            }
        }
        return CatalogClassifier.classify(lines, byLine);
    }

    /**
     * The items of {@code version} with the given codes, by code; a code the version lacks (or that
     * cannot be a code at all) is absent. Codes not cached are fetched together, on the caller's
     * connection.
     */
    public Map<String, CatalogItem> items(Connection c, CatalogVersion version, Collection<String> codes)
            throws SQLException {
        String set = version.digest();
        Map<String, CatalogItem> found = new HashMap<>(Math.max(16, codes.size() * 2));
        List<String> missing = null;
        for (String code : codes) {
            CatalogItem hit = items.getIfPresent(new Key(set, code));
            if (hit != null) {
                if (hit != ABSENT) {
                    found.put(code, hit);
                }
            } else if (CatalogItem.isCode(code)) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(code);
            }
        }
        if (missing != null) {
            found.putAll(load(c, version, missing));
        }
        return found;
    }

    /** Fetches and caches {@code codes} (distinct, not cached), the misses as absent; returns those found. */
    private Map<String, CatalogItem> load(Connection c, CatalogVersion version, Collection<String> codes)
            throws SQLException {
        String set = version.digest();
        Map<String, CatalogItem> loaded = source.items(c, version, codes);
        for (String code : codes) {
            CatalogItem item = loaded.get(code);
            items.put(new Key(set, code), item == null ? ABSENT : item);
        }
        return loaded;
    }

    /** One code of {@code version}, or null. */
    public CatalogItem find(Connection c, CatalogVersion version, String code) throws SQLException {
        CatalogItem hit = items.getIfPresent(new Key(version.digest(), code));
        if (hit != null) {
            return hit == ABSENT ? null : hit;
        }
        return CatalogItem.isCode(code) ? load(c, version, List.of(code)).get(code) : null;
    }

    /** The items' cache, for its meters (it records its statistics). */
    public Cache<?, ?> cache() {
        return items;
    }

    public CacheStats stats() {
        return items.stats();
    }

    /** Items (and known misses) held. */
    public long size() {
        return items.estimatedSize();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
