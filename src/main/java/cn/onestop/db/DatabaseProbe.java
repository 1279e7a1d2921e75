package cn.onestop.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, known without asking it on a call's time: every node the gateway
 * may use ({@link Nodes}) is looked at every {@link #PERIOD} over a connection of its own (outside
 * the pools, so a busy pool is not taken for a lost database), with a {@link #TIMEOUT}, each node by a
 * thread of its own so that a silent one delays no other ({@link NodeProbe}). A node is usable while
 * it answers and, when it is a Galera node, while it is ready, Synced and in the primary component.
 *
 * <p>The database is "up" while some node is usable; the pool uses the first usable node in the
 * order of {@code db.url} ({@link #preferred}). The pool's failures make every node be looked at
 * again at once. Listeners hear every change of "up" (the gateway's health service follows it), and
 * while it is down, asking the pool for a connection fails at once ({@link CallDataSource}).
 */
public final class DatabaseProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

    /** How often each node is looked at. */
    public static final Duration PERIOD = Duration.ofMillis(250);
    /** How long a connect or a ping may take before the node counts as down. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Hears the database come and go; called on a probe's thread. */
    public interface Listener {
        void changed(boolean up, String why);
    }

    private final List<NodeProbe> nodes;
    private final ScheduledExecutorService threads;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object rounds = new Object();
    private volatile boolean up = true; // the pool has just connected
    private volatile DatabaseObserver observer = DatabaseObserver.NONE;

    DatabaseProbe(String url, String user, String password) {
        this(List.of(url), user, password);
    }

    DatabaseProbe(List<String> nodeUrls, String user, String password) {
        List<NodeProbe> ns = new ArrayList<>();
        for (String u : nodeUrls) {
            ns.add(new NodeProbe(u, user, password, TIMEOUT));
        }
        this.nodes = List.copyOf(ns);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newScheduledThreadPool(nodes.size(), r -> {
            Thread t = new Thread(r, "onestop-db-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts probing; looks at every node once first, so that {@link #preferred} knows them. */
    DatabaseProbe start() {
        for (int i = 0; i < nodes.size(); i++) {
            int node = i;
            threads.execute(() -> look(node));
            threads.scheduleWithFixedDelay(() -> look(node), PERIOD.toMillis(), PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        awaitLook(Duration.ofMillis(2 * TIMEOUT.toMillis() + 500));
        return this;
    }

    /** Whether some node is usable. */
    public boolean up() {
        return up;
    }

    /** Why the database counts as down (empty while up): each node's reason. */
    public String problem() {
        if (up) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (NodeProbe n : nodes) {
            sb.append(sb.length() == 0 ? "" : "; ").append(nodes.size() > 1 ? n.name() + ": " : "").append(n.why());
        }
        return sb.toString();
    }

    /** The nodes probed, in the order of preference. */
    public int nodes() {
        return nodes.size();
    }

    /** Whether node {@code i} was usable when last looked at. */
    public boolean usable(int i) {
        return nodes.get(i).usable();
    }

    /** The first usable node in the order of preference, or -1 when none is. */
    public int preferred() {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).usable()) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the nodes looked at are Galera nodes (wsrep_on). */
    public boolean galera() {
        return nodes.stream().anyMatch(NodeProbe::galera);
    }

    /** {@code host:port} of node {@code i}. */
    public String name(int i) {
        return nodes.get(i).name();
    }

    /** Tells {@code l} of every change from now on, and at once of the state now; running the answer stops it. */
    public Runnable listen(Listener l) {
        listeners.add(l);
        l.changed(up, problem());
        return () -> listeners.remove(l);
    }

    /** Something failed to reach the database: look at every node now rather than at the next period. */
    void suspect() {
        for (int i = 0; i < nodes.size(); i++) {
            int node = i;
            if (nodes.get(i).claim()) {
                try {
                    threads.execute(() -> look(node));
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    nodes.get(i).release();
                }
            }
        }
    }

    /**
     * Looks at every node again now and waits until each has been looked at, at most {@code max}:
     * what a retry after a lost node waits for, so that it goes to a node fit to use.
     */
    void lookAgain(Duration max) {
        suspect();
        awaitLook(max);
    }

    void observe(DatabaseObserver o) {
        observer = o;
    }

    private void awaitLook(Duration max) {
        int[] before = new int[nodes.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = nodes.get(i).looks();
        }
        long until = System.nanoTime() + max.toNanos();
        synchronized (rounds) {
            while (!allLookedSince(before)) {
                long left = (until - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                try {
                    rounds.wait(Math.min(left, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean allLookedSince(int[] before) {
        for (int i = 0; i < before.length; i++) {
            if (nodes.get(i).looks() <= before[i]) {
                return false;
            }
        }
        return true;
    }

    private void look(int i) {
        NodeProbe n = nodes.get(i);
        boolean wasUsable = n.usable();
        long t0 = System.nanoTime();
        n.look();
        if (n.usable()) {
            observer.pinged(System.nanoTime() - t0); // a look is the ping and the node's wsrep state
        }
        if (wasUsable != n.usable() && nodes.size() > 1) {
            if (n.usable()) {
                log.info("database node {} usable again", n.name());
            } else {
                log.warn("database node {} not usable: {}", n.name(), n.why());
            }
        }
        update();
        synchronized (rounds) {
            rounds.notifyAll();
        }
    }

    private synchronized void update() {
        boolean nowUp = preferred() >= 0;
        if (up == nowUp) {
            return;
        }
        up = nowUp;
        String why = problem();
        if (nowUp) {
            log.info("database reachable again ({})", nodes.get(preferred()).name());
        } else {
            log.warn("database unreachable: {}", why);
        }
        for (Listener l : listeners) {
            try {
                l.changed(nowUp, why);
            } catch (RuntimeException e) {
                log.warn("database health listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nodes.forEach(NodeProbe::close);
    }
}
