package cn.onestop.rulestore;

import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.parse.RuleTableParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The rule versions this node settles with. Parsed versions are cached by (version id, digest) in
 * Caffeine, so a version is parsed once; a poller reads the rule generation every few seconds and,
 * when another node has published, builds a new immutable {@link RuleBook}. Readers never wait:
 * they get the current book.
 */
public final class RuleCache implements Supplier<RuleBook>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);

    private final RuleStore store;
    private final Cache<String, RuleTable> parsed = Caffeine.newBuilder().maximumSize(1_000).recordStats().build();
    private final ScheduledExecutorService poller;
    private volatile RuleBook book = RuleBook.empty();
    private volatile long generation = -1;

    public RuleCache(RuleStore store, Duration pollEvery) throws SQLException {
        this.store = store;
        refresh();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rule-poller");
            t.setDaemon(true);
            return t;
        });
        long ms = pollEvery.toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public RuleBook get() {
        return book;
    }

    public long generation() {
        return generation;
    }

    /** The parsed versions' cache, for its meters (it records its statistics). */
    public Cache<?, ?> cache() {
        return parsed;
    }

    public CacheStats stats() {
        return parsed.stats();
    }

    public long size() {
        return parsed.estimatedSize();
    }

    /** Rebuilds the book if the generation moved; returns whether it did. */
    public synchronized boolean refresh() throws SQLException {
        long g = store.generation();
        if (g == generation) {
            return false;
        }
        List<RuleTable> tables = new ArrayList<>();
        for (RuleStore.Stored s : store.loadAll()) {
            tables.add(parsed.get(s.meta().id() + "#" + s.meta().digest(),
                    k -> RuleTableParser.parse(s.meta().origin(), s.content())));
        }
        book = RuleBook.of(tables);
        generation = g;
        LOG.info("rule generation {}: {} versions in force", g, tables.size());
        return true;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("rule refresh failed, keeping generation {}: {}", generation, e.toString());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
