package cn.onestop.gateway;

import cn.onestop.db.DatabaseProbe;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gRPC health service ({@code grpc.health.v1.Health}) says, answered from memory on the
 * network thread:
 *
 * <ul>
 *   <li>{@code ""} (the server) and each API service ({@code onestop.v1.SettlementService}, …):
 *       {@code SERVING} while the database answers, {@code NOT_SERVING} from the first failed probe
 *       ({@link DatabaseProbe}, within about a second) until it answers again;
 *   <li>{@value #CAPACITY}: {@code NOT_SERVING} while the worker queue ({@code server.queue}) or the
 *       settlements' batch queue ({@code batch.queue}) is full
 *       — calls are then refused RESOURCE_EXHAUSTED — and until it has drained to half, so that it
 *       does not flap; {@code SERVING} otherwise. It is kept apart from the server's status: a load
 *       balancer that takes a node out of rotation for a database it cannot reach should not also do
 *       so for a burst, which would move the burst to the next node.
 * </ul>
 */
final class Health implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    /** The health service name of the gateway's capacity. */
    static final String CAPACITY = "onestop.capacity";
    private static final long CAPACITY_POLL_MS = 100;

    private final HealthStatusManager manager = new HealthStatusManager();
    private final List<String> services = new ArrayList<>(List.of(""));
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "onestop-health");
        t.setDaemon(true);
        return t;
    });
    private volatile ThreadPoolExecutor workers;
    private volatile java.util.function.IntSupplier settlementsWaiting = () -> 0;
    private volatile int settlementRoom = Integer.MAX_VALUE;
    private volatile Runnable unlisten = () -> { };
    private volatile boolean full;
    private volatile boolean databaseUp = true;

    HealthStatusManager manager() {
        return manager;
    }

    /** What the worker pool does with a call its full queue has no room for: refuses it, and says so here. */
    RejectedExecutionHandler rejections() {
        return (call, pool) -> {
            setFull(true);
            throw new RejectedExecutionException("the worker queue is full");
        };
    }

    /** Starts reporting: the database as {@code probe} sees it, for the server and {@code serviceNames}. */
    void start(DatabaseProbe probe, List<String> serviceNames, ThreadPoolExecutor pool) {
        start(probe, serviceNames, pool, () -> 0, Integer.MAX_VALUE);
    }

    /**
     * As {@link #start(DatabaseProbe, List, ThreadPoolExecutor)}, with the settlements waiting for a
     * batch writer ({@code waiting}, of at most {@code room}) counting towards capacity too.
     */
    void start(DatabaseProbe probe, List<String> serviceNames, ThreadPoolExecutor pool,
               java.util.function.IntSupplier waiting, int room) {
        services.addAll(serviceNames);
        workers = pool;
        settlementsWaiting = waiting;
        settlementRoom = room;
        manager.setStatus(CAPACITY, ServingStatus.SERVING);
        unlisten = probe.listen((up, why) -> {
            databaseUp = up;
            ServingStatus s = up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
            services.forEach(name -> manager.setStatus(name, s));
        });
        thread.scheduleWithFixedDelay(this::pollQueue, CAPACITY_POLL_MS, CAPACITY_POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether the database answered the last probe. */
    boolean databaseUp() {
        return databaseUp;
    }

    /** Whether the worker queue or the batch queue is full (calls are refused RESOURCE_EXHAUSTED). */
    boolean atCapacity() {
        return full;
    }

    private void pollQueue() {
        ThreadPoolExecutor w = workers;
        int waiting = w.getQueue().size();
        int room = w.getQueue().remainingCapacity();
        int settling = settlementsWaiting.getAsInt();
        if (room == 0 || settling >= settlementRoom) {
            setFull(true);
        } else if (full && waiting <= (waiting + room) / 2 && settling <= settlementRoom / 2) {
            setFull(false);
        }
    }

    private synchronized void setFull(boolean nowFull) {
        if (full == nowFull) {
            return;
        }
        full = nowFull;
        manager.setStatus(CAPACITY, nowFull ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
        if (nowFull) {
            LOG.warn("at capacity: the worker queue is full; calls are refused RESOURCE_EXHAUSTED");
        } else {
            LOG.info("capacity again: the worker queue has drained to half");
        }
    }

    @Override
    public void close() {
        unlisten.run();
        thread.shutdownNow();
        manager.enterTerminalState();
    }
}
