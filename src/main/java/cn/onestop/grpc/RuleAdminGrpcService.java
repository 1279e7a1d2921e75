package cn.onestop.grpc;

import cn.onestop.api.v1.CacheStats;
import cn.onestop.api.v1.GetStatsRequest;
import cn.onestop.api.v1.ListRuleVersionsRequest;
import cn.onestop.api.v1.ListRuleVersionsResponse;
import cn.onestop.api.v1.PublishRuleVersionRequest;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.RuleVersion;
import cn.onestop.api.v1.Stats;
import cn.onestop.catalog.CatalogCache;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.Role;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.rulestore.RuleStore;
import cn.onestop.rulestore.RuleVersionInfo;
import cn.onestop.settle.BatchStats;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grpc.stub.StreamObserver;

import com.sun.management.GcInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/** Rule versions and node statistics, for the insurance centre's operators. */
final class RuleAdminGrpcService extends RuleAdminServiceGrpc.RuleAdminServiceImplBase {
    private final RuleStore store;
    private final RuleCache cache;
    private final CatalogCache catalogs;
    private final PersonDirectory directory;
    private final HikariPoolMXBean pool;
    private final ThreadPoolExecutor executor;
    private final Supplier<BatchStats> batches;
    private final Calls calls;

    RuleAdminGrpcService(RuleStore store, RuleCache cache, CatalogCache catalogs, PersonDirectory directory,
                         HikariPoolMXBean pool, ThreadPoolExecutor executor, Supplier<BatchStats> batches,
                         Calls calls) {
        this.store = store;
        this.cache = cache;
        this.catalogs = catalogs;
        this.directory = directory;
        this.pool = pool;
        this.executor = executor;
        this.batches = batches;
        this.calls = calls;
    }

    @Override
    public void publishRuleVersion(PublishRuleVersionRequest request, StreamObserver<RuleVersion> out) {
        calls.run("PublishRuleVersion", out, (caller, deadline) -> {
            if (request.getContent().isBlank()) {
                return Result.invalid("content", "is required: the rule file's JSON");
            }
            Result<RuleStore.Published> r = store.publish(caller, "published",
                    request.getContent().getBytes(StandardCharsets.UTF_8), request.getForceReason());
            if (r instanceof Result.Failed<RuleStore.Published> f) {
                return new Result.Failed<>(f.failure());
            }
            cache.refresh(); // live here at once; other nodes within their poll interval
            return Result.ok(version(r.value().version()).toBuilder().setCreated(r.value().created()).build());
        });
    }

    @Override
    public void listRuleVersions(ListRuleVersionsRequest request, StreamObserver<ListRuleVersionsResponse> out) {
        calls.run("ListRuleVersions", out, (caller, deadline) -> {
            ListRuleVersionsResponse.Builder b = ListRuleVersionsResponse.newBuilder().setGeneration(cache.generation());
            for (RuleStore.Stored s : store.loadAll()) {
                if (request.getPlan().isEmpty() || request.getPlan().equals(s.meta().plan())) {
                    RuleVersion v = version(s.meta());
                    b.addVersions(request.getWithContent()
                            ? v.toBuilder().setContent(new String(s.content(), StandardCharsets.UTF_8)).build() : v);
                }
            }
            return Result.ok(b.build());
        });
    }

    @Override
    public void getStats(GetStatsRequest request, StreamObserver<Stats> out) {
        calls.run("GetStats", out, (caller, deadline) -> {
            var denied = caller.unless("read the node's statistics", Role.CENTRE_ADMIN, Role.AUDITOR);
            if (denied.isPresent()) {
                return new Result.Failed<>(denied.get());
            }
            Stats.Builder b = Stats.newBuilder().setRuleGeneration(cache.generation())
                    .addCaches(stats("rule_tables", cache.size(), cache.stats()))
                    .addCaches(stats("institutions", directory.institutionCacheSize(), directory.institutionCacheStats()))
                    .addCaches(stats("catalog_items", catalogs.size(), catalogs.stats()))
                    .setExecutorThreads(executor.getPoolSize()).setExecutorQueue(executor.getQueue().size());
            if (pool != null) {
                b.setDbPoolActive(pool.getActiveConnections()).setDbPoolIdle(pool.getIdleConnections())
                        .setDbPoolTotal(pool.getTotalConnections());
            }
            heap(b);
            BatchStats s = batches.get();
            b.setSettleBatches(s.batches()).setSettleBatched(s.settlements());
            return Result.ok(b.build());
        });
    }

    /** The heap now, and what the latest collection (young or full) left in it: the live data then. */
    private static void heap(Stats.Builder b) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        GcInfo last = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            GcInfo i = gc instanceof com.sun.management.GarbageCollectorMXBean g ? g.getLastGcInfo() : null;
            if (i != null && (last == null || i.getEndTime() > last.getEndTime())) {
                last = i;
            }
        }
        long afterGc = 0;
        if (last != null) {
            for (Map.Entry<String, MemoryUsage> e : last.getMemoryUsageAfterGc().entrySet()) {
                afterGc += heapPools.contains(e.getKey()) ? e.getValue().getUsed() : 0;
            }
        }
        b.setHeapUsedBytes(heap.getUsed()).setHeapCommittedBytes(heap.getCommitted())
                .setHeapMaxBytes(Math.max(0, heap.getMax())).setHeapAfterGcBytes(afterGc);
    }

    private static RuleVersion version(RuleVersionInfo v) {
        RuleVersion.Builder b = RuleVersion.newBuilder().setId(v.id()).setPlan(v.plan())
                .setEffectiveFrom(v.effectiveFrom().toString()).setDigest(v.digest()).setOrigin(v.origin())
                .setPublishedAt(v.publishedAt().toString());
        if (v.effectiveTo() != null) {
            b.setEffectiveTo(v.effectiveTo().toString());
        }
        if (v.document() != null) {
            b.setDocument(v.document());
        }
        if (v.forcedReason() != null) {
            b.setForcedReason(v.forcedReason());
        }
        if (v.publishedBy() != null) {
            b.setPublishedBy(v.publishedBy());
        }
        return b.build();
    }

    private static CacheStats stats(String name, long size, com.github.benmanes.caffeine.cache.stats.CacheStats s) {
        return CacheStats.newBuilder().setName(name).setSize(size).setHits(s.hitCount()).setMisses(s.missCount())
                .setLoads(s.loadCount()).setEvictions(s.evictionCount()).build();
    }
}
