package cn.onestop.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against a real MariaDB (embedded unless ONESTOP_TEST_DB_URL is set). */
class DatabaseTest {
    private static final String TEST_MIGRATIONS = "classpath:db/testmigration";

    /** Binaries shared with {@link TestDatabase}, so extra servers do not unpack 350 MB again. */
    private static final Path SHARED_BASE = TestDatabase.EMBEDDED_DIR.resolve("base");

    /** Folders of this JVM's extra servers (unique per JVM: other builds may run concurrently). */
    private static final Path TEST_ROOT =
            Path.of("target", "db-tests", String.valueOf(ProcessHandle.current().pid()))
                    .toAbsolutePath();

    private static final List<ProcessHandle> orphans = new ArrayList<>();

    @BeforeAll
    static void removeFoldersOfDeadJvms() throws IOException {
        Path parent = TEST_ROOT.getParent();
        if (Files.isDirectory(parent)) {
            try (Stream<Path> dirs = Files.list(parent)) {
                for (Path d : dirs.toList()) {
                    boolean alive =
                            d.getFileName().toString().matches("\\d+")
                                    && ProcessHandle.of(Long.parseLong(d.getFileName().toString()))
                                            .map(ProcessHandle::isAlive)
                                            .orElse(false);
                    if (!alive) {
                        deleteTree(d);
                    }
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        for (ProcessHandle p : orphans) {
            p.destroyForcibly();
        }
        deleteTree(TEST_ROOT);
    }

    // ---- the shared server, migrations, transactions --------------------------------------------

    @Test
    void freshDatabaseIsMigratedAndConfigured() throws Exception {
        try (Database db = TestDatabase.fresh("smoke", TEST_MIGRATIONS)) {
            assertTrue(db.databaseName().startsWith("t_smoke_"));
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(true); // the test's own statements, each committed
                assertTrue(c.getAutoCommit(), "autoCommit stays on by default");
                assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
                try (ResultSet rs =
                        s.executeQuery("SELECT @@tx_isolation, VERSION(), DATABASE()")) {
                    assertTrue(rs.next());
                    assertEquals("READ-COMMITTED", rs.getString(1));
                    assertTrue(rs.getString(2).contains("MariaDB"), rs.getString(2));
                    assertEquals(db.databaseName(), rs.getString(3));
                }
                try (ResultSet rs = s.executeQuery("SELECT name FROM t WHERE id = 1")) {
                    assertTrue(rs.next());
                    assertEquals("张三", rs.getString(1), "utf8mb4 round trip");
                }
            }
            // useServerPrepStmts + cachePrepStmts: a repeated statement is prepared on the server
            // once
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(true); // the test's own statements, each committed
                long before = sessionStatus(c, "Com_stmt_prepare");
                for (int i = 0; i < 10; i++) {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT balance FROM t WHERE id = ?")) {
                        ps.setLong(1, 1);
                        ps.executeQuery().close();
                    }
                }
                assertEquals(1, sessionStatus(c, "Com_stmt_prepare") - before, "prepared once");
            }
            assertNotNull(db.pool());
            assertTrue(
                    db.pool().getTotalConnections() >= 1 && db.pool().getTotalConnections() <= 4);
        }
    }

    @Test
    void migrationIsAppliedOnceAndNotAgainOnReopen() throws Exception {
        String name;
        try (Database db = TestDatabase.fresh("migrate", TEST_MIGRATIONS)) {
            name = db.databaseName();
            assertEquals(1, successfulMigrations(db));
            exec(db, "UPDATE t SET balance = 42 WHERE id = 1");
        }
        try (Database again = Database.open(TestDatabase.config(name), TEST_MIGRATIONS)) {
            assertEquals(1, successfulMigrations(again), "V1 not applied twice");
            assertEquals(
                    42, balance(again, 1), "data kept: the migration's INSERT did not run again");
            assertFalse(again.embedded(), "a URL-configured Database does not own a server");
        }
        // the shared server is still up after closing both pools
        try (Database other = TestDatabase.fresh("after", TEST_MIGRATIONS)) {
            assertEquals(0, balance(other, 1));
        }
    }

    @Test
    void selectForUpdateSerializesWriters() throws Exception {
        try (Database db = TestDatabase.fresh("lock", TEST_MIGRATIONS)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try (Connection a = db.dataSource().getConnection()) {
                a.setAutoCommit(true); // the test's own statements, each committed
                a.setAutoCommit(false);
                long before = lockedBalance(a, 1);
                CountDownLatch started = new CountDownLatch(1);
                Future<Long> b =
                        pool.submit(
                                () -> {
                                    try (Connection c = db.dataSource().getConnection()) {
                                        c.setAutoCommit(true); // the test's own statements, each committed
                                        c.setAutoCommit(false);
                                        started.countDown();
                                        long seen = lockedBalance(c, 1); // blocks until A commits
                                        setBalance(c, 1, seen + 1);
                                        c.commit();
                                        return seen;
                                    }
                                });
                assertTrue(started.await(5, TimeUnit.SECONDS));
                assertThrows(
                        TimeoutException.class, () -> b.get(300, TimeUnit.MILLISECONDS), "B waits");
                setBalance(a, 1, before + 1);
                a.commit();
                assertEquals(before + 1, b.get(10, TimeUnit.SECONDS), "B saw A's committed write");
                assertEquals(before + 2, balance(db, 1));
            }

            // many writers, no lost update
            int threads = 4;
            int each = 50;
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                fs.add(
                        pool.submit(
                                () -> {
                                    for (int k = 0; k < each; k++) {
                                        try (Connection c = db.dataSource().getConnection()) {
                                            c.setAutoCommit(true); // the test's own statements, each committed
                                            c.setAutoCommit(false);
                                            setBalance(c, 1, lockedBalance(c, 1) + 1);
                                            c.commit();
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(2 + threads * each, balance(db, 1));
            pool.shutdownNow();
        }
    }

    // ---- embedded server lifecycle
    // ----------------------------------------------------------------

    @Test
    void openWithoutUrlStartsEmbeddedServerAndCloseStopsIt() throws Exception {
        Path dir = cleanDirWithSharedBase("db-test-open");
        // Database.open uses <dir>/base: link it to the shared binaries
        Files.createSymbolicLink(dir.resolve("base"), SHARED_BASE.toAbsolutePath());
        DatabaseConfig cfg = DatabaseConfig.embedded(dir).withPoolSize(2);
        int port;
        long t0 = System.nanoTime();
        try (Database db = Database.open(cfg, TEST_MIGRATIONS)) {
            System.out.printf("[timing] Database.open embedded, new data dir: %d ms%n", ms(t0));
            assertTrue(db.embedded());
            port = db.embeddedServer().orElseThrow().port();
            assertEquals("jdbc:mariadb://127.0.0.1:" + port + "/onestop", db.jdbcUrl());
            assertEquals(0, balance(db, 1));
            exec(db, "UPDATE t SET balance = 7 WHERE id = 1");
        }
        assertThrows(SQLException.class, () -> rawConnect(port, ""), "server stopped by close()");
        t0 = System.nanoTime();
        try (Database db = Database.open(cfg, TEST_MIGRATIONS)) {
            System.out.printf(
                    "[timing] Database.open embedded, existing data dir: %d ms%n", ms(t0));
            assertEquals(7, balance(db, 1));
            assertEquals(1, successfulMigrations(db));
        }
    }

    @Test
    void dataPersistsAcrossStopAndStart_andUnavailableWhenDown() throws Exception {
        Path dir = cleanDirWithSharedBase("db-test-persist");
        EmbeddedMariaDb server = EmbeddedMariaDb.start(dir, SHARED_BASE, 0);
        System.out.printf(
                "[timing] EmbeddedMariaDb first start (new data dir, binaries present): %d ms%n",
                server.startupTime().toMillis());
        try {
            assertTrue(Files.isRegularFile(dir.resolve("data/mariadbd.pid")));
            // a pool over the server (URL without a database: db.name is created and migrated),
            // then the server goes away
            DatabaseConfig cfg =
                    DatabaseConfig.external(server.jdbcUrl(""), server.user(), server.password())
                            .withDatabase("p")
                            .withPoolSize(1)
                            .withConnectionTimeoutMs(500);
            try (Database db = Database.open(cfg, TEST_MIGRATIONS)) {
                assertEquals(server.jdbcUrl("p"), db.jdbcUrl());
                exec(db, "UPDATE t SET balance = 3 WHERE id = 1");
                Connection held = db.dataSource().getConnection(); // the only pooled connection
                server.close();
                assertFalse(server.isRunning());
                SQLException broken =
                        assertThrows(
                                SQLException.class,
                                () -> held.createStatement().executeQuery("SELECT 1"));
                assertTrue(Database.isUnavailable(broken), "broken connection: " + broken);
                held.close();
                long t0 = System.nanoTime();
                SQLException timeout =
                        assertThrows(SQLException.class, () -> db.dataSource().getConnection());
                System.out.printf("[timing] pool gave up after %d ms: %s%n", ms(t0), timeout);
                assertTrue(timeout instanceof SQLTransientConnectionException, timeout.toString());
                assertTrue(Database.isUnavailable(timeout));
            }

            // restart on a given port: the data is still there
            int port = freePort();
            server = EmbeddedMariaDb.start(dir, SHARED_BASE, port);
            System.out.printf(
                    "[timing] EmbeddedMariaDb restart (existing data dir): %d ms%n",
                    server.startupTime().toMillis());
            assertEquals(port, server.port());
            try (Connection c = rawConnect(port, server.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT balance FROM p.t WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
            }
            // the folder is locked while a server runs on it
            IOException busy =
                    assertThrows(
                            IOException.class, () -> EmbeddedMariaDb.start(dir, SHARED_BASE, 0));
            assertTrue(busy.getMessage().contains("already running"), busy.getMessage());
        } finally {
            server.close();
        }
    }

    @Test
    void staleServerOfAKilledJvmIsStoppedAndDataSurvives() throws Exception {
        Path dir = cleanDirWithSharedBase("db-test-crash");
        // a child JVM starts the server on the folder, then is killed with SIGKILL
        Path childLog = dir.resolve("child.log");
        Process child =
                new ProcessBuilder(
                                ProcessHandle.current().info().command().orElse("java"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                CrashChild.class.getName(),
                                dir.toString(),
                                SHARED_BASE.toAbsolutePath().toString())
                        .redirectError(childLog.toFile())
                        .start();
        orphans.add(child.toHandle());
        int port;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY "));
            assertNotNull(line, "child did not start the server; see " + childLog);
            port = Integer.parseInt(line.substring(6).trim());
        }
        long stalePid = Long.parseLong(Files.readString(dir.resolve("data/mariadbd.pid")).trim());
        ProcessHandle.of(stalePid).ifPresent(orphans::add);
        child.destroyForcibly(); // kill -9: no shutdown hook, mariadbd is orphaned
        child.waitFor(10, TimeUnit.SECONDS);
        String password = Files.readString(dir.resolve("data/.onestop-password")).trim();
        try (Connection c = rawConnect(port, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE c");
            s.execute("CREATE TABLE c.x (id INT PRIMARY KEY)");
            s.execute("INSERT INTO c.x VALUES (1), (2), (3)"); // committed by the orphan
        }

        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir, SHARED_BASE, 0)) {
            System.out.printf(
                    "[timing] EmbeddedMariaDb start after a kill -9 (stops the orphan): %d ms%n",
                    server.startupTime().toMillis());
            assertFalse(
                    ProcessHandle.of(stalePid).map(ProcessHandle::isAlive).orElse(false),
                    "orphan mariadbd stopped");
            try (Connection c = rawConnect(server.port(), server.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM c.x")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
        }
    }

    /** Started in a child JVM by the crash test. */
    public static final class CrashChild {
        public static void main(String[] args) throws Exception {
            EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), Path.of(args[1]), 0);
            System.out.println("READY " + db.port());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    // ---- unavailability ------------------------------------------------------------------------

    @Test
    void unreachableServerIsUnavailable() throws Exception {
        int port = freePort(); // nothing listens there
        DatabaseConfig cfg =
                DatabaseConfig.external("jdbc:mariadb://127.0.0.1:" + port + "/x", "root", "")
                        .withConnectionTimeoutMs(500);
        long t0 = System.nanoTime();
        SQLException e =
                assertThrows(SQLException.class, () -> Database.open(cfg, TEST_MIGRATIONS));
        long took = ms(t0);
        assertTrue(Database.isUnavailable(e), e.toString());
        assertTrue(took < 5_000, "gave up in " + took + " ms");
    }

    @Test
    void classifiesExceptions() throws Exception {
        assertTrue(Database.isUnavailable(new SQLTransientConnectionException("pool timeout")));
        assertTrue(Database.isUnavailable(new SQLNonTransientConnectionException("gone")));
        assertTrue(Database.isUnavailable(new SQLException("link failure", "08S01")));
        assertTrue(
                Database.isUnavailable(new RuntimeException(new SQLException("wrapped", "08003"))));
        assertFalse(Database.isUnavailable(new SQLException("deadlock", "40001", 1213)));
        assertFalse(Database.isUnavailable(new SQLException("no state")));

        try (Database db = TestDatabase.fresh("errors", TEST_MIGRATIONS)) {
            SQLException dup =
                    assertThrows(
                            SQLException.class, () -> exec(db, "INSERT INTO t VALUES (1, 0, 'x')"));
            assertTrue(dup instanceof SQLIntegrityConstraintViolationException, dup.toString());
            assertFalse(Database.isUnavailable(dup));
            SQLException syntax = assertThrows(SQLException.class, () -> exec(db, "SELEC 1"));
            assertFalse(Database.isUnavailable(syntax), syntax.toString());
        }
    }

    // ---- configuration
    // ----------------------------------------------------------------------------

    @Test
    void configFileIsOverriddenByEnvironment() throws Exception {
        Path file =
                writeProps(
                        "db.url=jdbc:mariadb://db1:3306/ledger",
                        "db.user=fileuser",
                        "db.password=filepw",
                        "db.name=fromfile",
                        "db.pool.size=7",
                        "db.connection-timeout-ms=1500",
                        "server.port=50051");
        DatabaseConfig fromFile = DatabaseConfig.load(file, Map.of());
        assertEquals("jdbc:mariadb://db1:3306/ledger", fromFile.jdbcUrl());
        assertEquals("fileuser", fromFile.user());
        assertEquals("filepw", fromFile.password());
        assertEquals("fromfile", fromFile.database());
        assertEquals(7, fromFile.poolSize());
        assertEquals(1500, fromFile.connectionTimeoutMs());
        assertFalse(fromFile.embedded());
        assertFalse(fromFile.toString().contains("filepw"), "password not printed");

        DatabaseConfig env =
                DatabaseConfig.load(
                        file,
                        Map.of(
                                "ONESTOP_DB_POOL_SIZE", "9",
                                "ONESTOP_DB_NAME", "fromenv",
                                "ONESTOP_DB_PASSWORD", "envpw",
                                "ONESTOP_DB_USER", " ", // blank: ignored
                                "ONESTOP_DATA_DIR", "target/somewhere"));
        assertEquals(9, env.poolSize());
        assertEquals("fromenv", env.database());
        assertEquals("envpw", env.password());
        assertEquals("fileuser", env.user());
        assertEquals(Path.of("target/somewhere").toAbsolutePath(), env.embeddedDir());
        assertEquals("jdbc:mariadb://db1:3306/ledger", env.jdbcUrl());

        DatabaseConfig urlFromEnv =
                DatabaseConfig.load(file, Map.of("ONESTOP_DB_URL", "jdbc:mariadb://db2:3306/"));
        assertEquals("jdbc:mariadb://db2:3306/", urlFromEnv.jdbcUrl());

        DatabaseConfig none =
                DatabaseConfig.load(Path.of("target/no-such-file.properties"), Map.of());
        assertTrue(none.embedded());
        assertEquals("onestop", none.database());
        assertEquals("root", none.user());
        assertEquals(DatabaseConfig.defaultPoolSize(), none.poolSize());
        assertEquals(EmbeddedMariaDb.DEFAULT_DIR.toAbsolutePath(), none.embeddedDir());

        // the shipped file loads and is all defaults
        DatabaseConfig shipped = DatabaseConfig.load(DatabaseConfig.DEFAULT_FILE, Map.of());
        assertEquals(DatabaseConfig.defaults(), shipped);
    }

    @Test
    void refusesBadValues() throws Exception {
        Path file = writeProps("db.pool.size=abc");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> DatabaseConfig.load(file, Map.of()));
        assertTrue(
                e.getMessage().contains("db.pool.size") && e.getMessage().contains("abc"),
                e.getMessage());

        Path ok = writeProps("db.pool.size=4");
        for (String bad : List.of("0", "-3", "100000", "4.5")) {
            IllegalArgumentException ee =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> DatabaseConfig.load(ok, Map.of("ONESTOP_DB_POOL_SIZE", bad)));
            assertTrue(ee.getMessage().contains("ONESTOP_DB_POOL_SIZE"), ee.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class, () -> DatabaseConfig.defaults().withPoolSize(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseConfig.load(writeProps("db.connection-timeout-ms=10"), Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseConfig.load(writeProps("db.url=jdbc:postgresql://h/x"), Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseConfig.load(writeProps("db.name=on-stop; DROP"), Map.of()));
    }

    @Test
    void urlHelpers() {
        assertEquals("x", JdbcUrls.databaseOf("jdbc:mariadb://h:1/x?a=b"));
        assertNull(JdbcUrls.databaseOf("jdbc:mariadb://h:1/"));
        assertNull(JdbcUrls.databaseOf("jdbc:mariadb://h:1"));
        assertNull(JdbcUrls.databaseOf("jdbc:mariadb://h:1?a=b/c"));
        assertEquals(
                "jdbc:mariadb://h:1/y?a=b", JdbcUrls.withDatabase("jdbc:mariadb://h:1/x?a=b", "y"));
        assertEquals("jdbc:mariadb://h:1/y", JdbcUrls.withDatabase("jdbc:mariadb://h:1", "y"));
        assertEquals(
                "jdbc:mariadb://h:1/y?a=b", JdbcUrls.withDatabase("jdbc:mariadb://h:1?a=b", "y"));
        assertEquals("jdbc:mariadb://h:1/", JdbcUrls.withDatabase("jdbc:mariadb://h:1/x", ""));
        DatabaseConfig cfg = DatabaseConfig.defaults();
        assertEquals(
                "true",
                Pools.driverProperties("jdbc:mariadb://h/x", cfg, false).get("useServerPrepStmts"));
        assertNull(
                Pools.driverProperties("jdbc:mariadb://h/x?useServerPrepStmts=false", cfg, false)
                        .get("useServerPrepStmts"));
        assertEquals("false", Pools.driverProperties("jdbc:mariadb://h/x", cfg, true).get("useServerPrepStmts"),
                "a Galera node: the text protocol, never left waiting after a brute-force abort");
        assertEquals("true", Pools.driverProperties("jdbc:mariadb://h/x?useServerPrepStmts=true", cfg, true)
                .getOrDefault("useServerPrepStmts", "true"), "the URL still wins");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Path writeProps(String... lines) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "db-test-config"));
        Path f = Files.createTempFile(dir, "onestop", ".properties");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    /** A fresh folder for an extra server (its binaries come from the shared base). */
    private static Path cleanDirWithSharedBase(String name) throws IOException {
        Path dir = TEST_ROOT.resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.createDirectories(SHARED_BASE);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) { // does not follow the base/ symlink
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Connection rawConnect(int port, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=2000", "root", password);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void exec(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            s.execute(sql);
        }
    }

    private static long sessionStatus(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getLong(2);
        }
    }

    private static int successfulMigrations(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long balance(Database db, long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT balance FROM t WHERE id = ?")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private static long lockedBalance(Connection c, long id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT balance FROM t WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private static void setBalance(Connection c, long id, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE t SET balance = ? WHERE id = ?")) {
            ps.setLong(1, value);
            ps.setLong(2, id);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
