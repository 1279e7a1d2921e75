package cn.onestop.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.List;
import java.util.function.ToIntFunction;

/** The pools of every node seen as one: counts are sums, actions reach every pool. */
final class AllPools implements HikariPoolMXBean {
    private final List<HikariDataSource> pools;

    AllPools(List<HikariDataSource> pools) {
        this.pools = List.copyOf(pools);
    }

    private int sum(ToIntFunction<HikariPoolMXBean> count) {
        int n = 0;
        for (HikariDataSource p : pools) {
            HikariPoolMXBean mx = p.getHikariPoolMXBean();
            n += mx == null ? 0 : count.applyAsInt(mx);
        }
        return n;
    }

    @Override
    public int getIdleConnections() {
        return sum(HikariPoolMXBean::getIdleConnections);
    }

    @Override
    public int getActiveConnections() {
        return sum(HikariPoolMXBean::getActiveConnections);
    }

    @Override
    public int getTotalConnections() {
        return sum(HikariPoolMXBean::getTotalConnections);
    }

    @Override
    public int getThreadsAwaitingConnection() {
        return sum(HikariPoolMXBean::getThreadsAwaitingConnection);
    }

    @Override
    public void softEvictConnections() {
        pools.forEach(p -> p.getHikariPoolMXBean().softEvictConnections());
    }

    @Override
    public void suspendPool() {
        pools.forEach(p -> p.getHikariPoolMXBean().suspendPool());
    }

    @Override
    public void resumePool() {
        pools.forEach(p -> p.getHikariPoolMXBean().resumePool());
    }
}
