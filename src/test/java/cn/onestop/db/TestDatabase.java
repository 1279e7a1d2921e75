package cn.onestop.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real MariaDB server shared by the whole test JVM, and brand-new databases on it.
 *
 * <p>With {@code ONESTOP_TEST_DB_URL} set (e.g. {@code jdbc:mariadb://127.0.0.1:3306/}, user and
 * password from {@code ONESTOP_TEST_DB_USER} / {@code ONESTOP_TEST_DB_PASSWORD}) that server is
 * used; its test databases ({@code t_<name>_<n>_<pid>}) are left behind. Otherwise ONE embedded
 * MariaDB is started under {@code target/test-mariadb} for the JVM and stopped by a shutdown hook;
 * its old test databases ({@code t_*}) are dropped when it starts.
 *
 * <p>Thread-safe; may be used from several test classes, also in parallel.
 */
public final class TestDatabase {
    /** Where the embedded test server lives (binaries unpacked once; survives until mvn clean). */
    public static final Path EMBEDDED_DIR = Path.of("target", "test-mariadb");

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server; // guarded by TestDatabase.class

    private TestDatabase() {}

    private record Server(
            String url, String user, String password, EmbeddedMariaDb embedded, String suffix) {}

    /**
     * A new, empty database named after {@code name}, migrated with {@code flywayLocations}
     * (default {@link Database#MIGRATIONS}). Closing the returned Database closes only its
     * pool; the shared server keeps running. Pool size 4, connection timeout 5 s.
     */
    public static Database fresh(String name, String... flywayLocations) {
        Server s = server();
        String dbName = uniqueName(name, s.suffix());
        DatabaseConfig cfg =
                new DatabaseConfig(
                        JdbcUrls.withDatabase(s.url(), dbName),
                        s.user(),
                        s.password(),
                        dbName,
                        null,
                        4,
                        5_000);
        try {
            try (Connection c = connect(s);
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS `" + dbName + "`");
                st.execute(
                        "CREATE DATABASE `"
                                + dbName
                                + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            return Database.open(cfg, flywayLocations);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + dbName + ": " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Server URL without a database (e.g. {@code jdbc:mariadb://127.0.0.1:3306/}). */
    public static String serverUrl() {
        return server().url();
    }

    /** A {@link DatabaseConfig} for an existing database {@code dbName} on the shared server. */
    public static DatabaseConfig config(String dbName) {
        Server s = server();
        return new DatabaseConfig(
                JdbcUrls.withDatabase(s.url(), dbName),
                s.user(),
                s.password(),
                dbName,
                null,
                4,
                5_000);
    }

    /** The user the shared server's test databases are reached as. */
    public static String user() {
        return server().user();
    }

    /** That user's password (the embedded server's is generated for its data dir). */
    public static String password() {
        return server().password();
    }

    /** True when the shared server is the embedded one. */
    public static boolean isEmbedded() {
        return server().embedded() != null;
    }

    static String uniqueName(String name, String suffix) {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String tail = "_" + COUNTER.incrementAndGet() + suffix;
        int room = 64 - 2 - tail.length();
        if (clean.length() > room) {
            clean = clean.substring(0, room);
        }
        return "t_" + clean + tail;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    /**
     * With {@code -Donestop.test.server=debian-galera}: Debian's MariaDB 10.11 as a one-node Galera
     * cluster refusing what Galera cannot replicate ({@link GaleraCluster}), started for this JVM.
     */
    public static final String DEBIAN_GALERA = "debian-galera";

    private static Server startServer() {
        if (DEBIAN_GALERA.equals(System.getProperty("onestop.test.server"))) {
            return startDebianGalera();
        }
        String url = System.getenv("ONESTOP_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("ONESTOP_TEST_DB_USER", "root");
            String password = System.getenv().getOrDefault("ONESTOP_TEST_DB_PASSWORD", "");
            String serverUrl = JdbcUrls.withDatabase(url.trim(), "");
            // a shared external server may host concurrent test runs: make names unique per JVM
            return new Server(serverUrl, user, password, null, "_" + ProcessHandle.current().pid());
        }
        try {
            EmbeddedMariaDb db = startEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "test-mariadb-shutdown"));
            Server s =
                    new Server(
                            db.jdbcUrl(""), db.user(), db.password(), db, "");
            dropOldTestDatabases(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test MariaDB", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean the embedded test MariaDB: " + e, e);
        }
    }

    private static Server startDebianGalera() {
        GaleraCluster.unavailable().ifPresent(why -> {
            System.out.println("[galera] SKIPPED: onestop.test.server=" + DEBIAN_GALERA + ": " + why);
            throw new org.opentest4j.TestAbortedException("skipped, onestop.test.server=" + DEBIAN_GALERA + ": " + why);
        });
        try {
            GaleraCluster c = GaleraCluster.start("test-debian-galera", 1);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "test-debian-galera-shutdown"));
            return new Server(c.url(0, null), GaleraCluster.USER, GaleraCluster.PASSWORD, null, "");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Debian's MariaDB as a Galera node: " + e, e);
        }
    }

    /**
     * Starts the server in {@link #EMBEDDED_DIR}, or, when another test JVM (a parallel fork, a
     * concurrent build) holds it, in {@code target/test-mariadb-<n>} sharing the binaries.
     */
    private static EmbeddedMariaDb startEmbedded() throws IOException {
        Path base = EMBEDDED_DIR.resolve("base");
        for (int i = 0; ; i++) {
            Path root = i == 0 ? EMBEDDED_DIR : Path.of("target", "test-mariadb-" + i);
            try {
                return EmbeddedMariaDb.start(root, base, 0);
            } catch (EmbeddedMariaDb.FolderInUseException e) {
                if (i >= 16) {
                    throw e;
                }
            }
        }
    }

    /** We own the embedded server exclusively (folder lock): drop what previous runs left. */
    private static void dropOldTestDatabases(Server s) throws SQLException {
        try (Connection c = connect(s);
                Statement st = c.createStatement()) {
            List<String> old = new ArrayList<>();
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT schema_name FROM information_schema.schemata"
                                    + " WHERE schema_name LIKE 't\\_%'")) {
                while (rs.next()) {
                    old.add(rs.getString(1));
                }
            }
            for (String db : old) {
                st.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
        }
    }

    private static Connection connect(Server s) throws SQLException {
        return DriverManager.getConnection(s.url(), s.user(), s.password());
    }
}
