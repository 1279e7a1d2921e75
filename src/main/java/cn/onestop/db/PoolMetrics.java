package cn.onestop.db;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;

/**
 * The pool's metrics tracker, installed when the pool is made and forwarding to the tracker of
 * whoever watches the pool now ({@link Database#meterPool}). HikariCP takes a tracker factory once,
 * for the pool's life; a gateway and its metrics registry may come and go over one database (tests
 * do), so the real tracker is made, and closed, here.
 */
final class PoolMetrics implements MetricsTrackerFactory, IMetricsTracker {
    private static final IMetricsTracker NOBODY = new IMetricsTracker() {
    };

    private String poolName;
    private PoolStats stats;
    private volatile IMetricsTracker target = NOBODY;

    @Override
    public synchronized IMetricsTracker create(String name, PoolStats poolStats) {
        this.poolName = name;
        this.stats = poolStats;
        return this;
    }

    /** From now on the pool's events go to a tracker {@code factory} makes (null: nowhere); the last one is closed. */
    synchronized void track(MetricsTrackerFactory factory) {
        if (stats == null) {
            throw new IllegalStateException("the pool has not started");
        }
        IMetricsTracker old = target;
        target = factory == null ? NOBODY : factory.create(poolName, stats);
        old.close();
    }

    @Override
    public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
        target.recordConnectionCreatedMillis(connectionCreatedMillis);
    }

    @Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        target.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
    }

    @Override
    public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
        target.recordConnectionUsageMillis(elapsedBorrowedMillis);
    }

    @Override
    public void recordConnectionTimeout() {
        target.recordConnectionTimeout();
    }

    @Override
    public synchronized void close() {
        target.close();
        target = NOBODY;
    }
}
