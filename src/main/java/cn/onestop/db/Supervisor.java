package cn.onestop.db;

import ch.vorburger.exec.ManagedProcessException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded {@code mariadbd} running: when the process exits without having been asked to
 * (it crashed, was killed, ran out of memory), it is started again on the same port and data dir —
 * InnoDB recovers what was committed — first at once, then after growing pauses (up to {@link
 * #MAX_PAUSE}) while starting fails. The pool and the health probe reconnect by themselves; the
 * gateway is not restarted. Meanwhile calls answer UNAVAILABLE.
 */
final class Supervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    private static final Duration EXIT_PAUSE = Duration.ofMillis(50);

    private final MariaDbProcess server;
    private final String name;
    private final ScheduledExecutorService thread;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean stopping;

    Supervisor(MariaDbProcess server, String name) {
        this.server = server;
        this.name = name;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-mariadb-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching the process that runs now. */
    void watch() {
        ProcessHandle p = server.process().orElse(null);
        if (p == null) {
            log.warn("embedded MariaDB {}: no mariadbd process to watch (pid file unreadable)", name);
            thread.schedule(() -> restart(FIRST_PAUSE), FIRST_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        p.onExit().thenRun(() -> {
            if (!stopping) {
                log.error("embedded MariaDB {}: mariadbd pid {} exited; starting it again", name, p.pid());
                // a moment first: a signal that stopped the whole process group reaches the JVM too
                thread.schedule(() -> restart(FIRST_PAUSE), EXIT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** How often the process was started again. */
    int restarts() {
        return restarts.get();
    }

    /** From now on an exit is the owner's doing: nothing is restarted. */
    void stopping() {
        stopping = true;
    }

    private void restart(Duration pause) {
        if (stopping || jvmExiting()) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            synchronized (server) { // not while the owner stops it
                if (stopping) {
                    return;
                }
                if (server.process().isPresent()) { // running after all: watch it
                    watch();
                    return;
                }
                server.start(null);
            }
            restarts.incrementAndGet();
            log.warn("embedded MariaDB {}: mariadbd started again on port {} in {} ms (crash recovery included)",
                    name, server.port(), (System.nanoTime() - t0) / 1_000_000);
            watch();
        } catch (ManagedProcessException | RuntimeException e) {
            Duration next = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            log.error("embedded MariaDB {}: cannot start mariadbd ({}); trying again in {} ms", name, e.toString(),
                    pause.toMillis());
            if (!stopping) {
                thread.schedule(() -> restart(next), pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Whether the JVM is running its shutdown hooks (then nothing is started again). */
    private static boolean jvmExiting() {
        Thread nothing = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(nothing);
            Runtime.getRuntime().removeShutdownHook(nothing);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.shutdownNow();
    }
}
