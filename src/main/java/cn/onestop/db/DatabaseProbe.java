package cn.onestop.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, known without asking it on a call's time: a thread of its own pings
 * the server every {@link #PERIOD} over a connection of its own (outside the pool, so a busy pool
 * is not taken for a lost database), with a {@link #TIMEOUT}. A ping that fails is tried again at
 * once on a new connection; when that cannot be made (refused, denied, silent) or does not answer
 * either, the database is "down", and the next ping answered is "up". The pool's failures make it look again at once. Listeners hear
 * every change (the gateway's health service follows it), and while it is down, asking the pool for a
 * connection fails at once ({@link CallDataSource}).
 */
public final class DatabaseProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

    /** How often the server is pinged. */
    public static final Duration PERIOD = Duration.ofMillis(250);
    /** How long a connect or a ping may take before the database counts as down. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Hears the database come and go; called on the probe's thread. */
    public interface Listener {
        void changed(boolean up, String why);
    }

    private final String url;
    private final Properties login;
    private final ScheduledExecutorService thread;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean up = true; // the pool has just connected
    private volatile String why = "";
    private volatile DatabaseObserver observer = DatabaseObserver.NONE;
    private Connection connection; // the probe's thread only

    DatabaseProbe(String url, String user, String password) {
        this.url = url;
        this.login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("connectTimeout", Long.toString(TIMEOUT.toMillis()));
        login.setProperty("socketTimeout", Long.toString(TIMEOUT.toMillis()));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onestop-db-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts probing. */
    DatabaseProbe start() {
        thread.scheduleWithFixedDelay(this::probe, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the last probe reached the database. */
    public boolean up() {
        return up;
    }

    /** Why the database counts as down (empty while up). */
    public String problem() {
        return why;
    }

    /** Tells {@code l} of every change from now on, and at once of the state now; running the answer stops it. */
    public Runnable listen(Listener l) {
        listeners.add(l);
        l.changed(up, why);
        return () -> listeners.remove(l);
    }

    /** Something failed to reach the database: probe now rather than at the next period. */
    void suspect() {
        if (pending.compareAndSet(false, true)) {
            try {
                thread.execute(this::probe);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.set(false);
            }
        }
    }

    private void probe() {
        pending.set(false);
        try {
            if (connection != null && !ping()) {
                closeConnection(); // broken, or the server was slow: a new connection decides
            }
            if (connection == null) {
                connection = DriverManager.getConnection(url, login);
                if (!ping()) {
                    throw new SQLException("no answer to a ping within " + TIMEOUT.toMillis() + " ms");
                }
            }
            set(true, "");
        } catch (SQLException | RuntimeException e) { // refused, reset, denied, silent
            closeConnection();
            set(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    void observe(DatabaseObserver o) {
        observer = o;
    }

    private boolean ping() throws SQLException {
        long t0 = System.nanoTime();
        boolean answered = connection.isValid((int) Math.max(1, TIMEOUT.toSeconds()));
        if (answered) {
            observer.pinged(System.nanoTime() - t0);
        }
        return answered;
    }

    private void set(boolean nowUp, String problem) {
        why = problem;
        if (up == nowUp) {
            return;
        }
        up = nowUp;
        if (nowUp) {
            log.info("database {} reachable again", url);
        } else {
            log.warn("database {} unreachable: {}", url, problem);
        }
        for (Listener l : listeners) {
            try {
                l.changed(nowUp, problem);
            } catch (RuntimeException e) {
                log.warn("database health listener failed: {}", e.toString());
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is broken already
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
