package cn.onestop.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database settings. A null {@code jdbcUrl} means: run the embedded MariaDB in {@code embeddedDir}
 * and use database {@code database} in it. With a {@code jdbcUrl}, the URL's database is used; if
 * the URL names none ({@code jdbc:mariadb://host:3306/}), {@code database} is appended.
 *
 * <p>Sources, later wins: built-in defaults &lt; {@code config/onestop.properties} &lt;
 * environment.
 *
 * <pre>
 *   property                  environment                     default
 *   db.url                    ONESTOP_DB_URL                  (none: embedded)
 *   db.user                   ONESTOP_DB_USER                 root
 *   db.password               ONESTOP_DB_PASSWORD             (empty)
 *   db.name                   ONESTOP_DB_NAME                 onestop
 *   db.embedded.dir           ONESTOP_DATA_DIR                data/mariadb
 *   db.pool.size              ONESTOP_DB_POOL_SIZE            2 x cores
 *   db.connection-timeout-ms  ONESTOP_DB_CONNECTION_TIMEOUT_MS 5000
 *   db.galera.sync-wait       ONESTOP_DB_GALERA_SYNC_WAIT     1 (reads wait for the cluster's commits)
 * </pre>
 *
 * An environment variable set to a blank value is ignored (as if unset).
 */
public record DatabaseConfig(
        String jdbcUrl,
        String user,
        String password,
        String database,
        Path embeddedDir,
        int poolSize,
        long connectionTimeoutMs,
        int syncWait) {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    public static final String DEFAULT_DATABASE = "onestop";
    public static final String DEFAULT_USER = "root";
    public static final Path DEFAULT_EMBEDDED_DIR = EmbeddedMariaDb.DEFAULT_DIR;
    public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
    public static final int MAX_POOL_SIZE = 1_000;
    /**
     * {@code wsrep_sync_wait} of the pool's sessions on a Galera node: 1, the first read of every
     * transaction (a SELECT; MariaDB makes no causal wait inside a transaction already open, so a
     * transaction that holds locks never waits) first waits until the node has applied every
     * transaction the cluster committed before it, so a retry or a reversal that lands on another node
     * than the settlement sees it. With 0 the cluster test's reversals sent through the other gateway
     * right after their settlement were answered NOT_FOUND.
     */
    public static final int DEFAULT_SYNC_WAIT = 1;

    /** HikariCP refuses connection timeouts under 250 ms. */
    public static final long MIN_CONNECTION_TIMEOUT_MS = 250;

    public static final long MAX_CONNECTION_TIMEOUT_MS = 600_000;

    /** The default properties file, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of("config", "onestop.properties");

    private static final Pattern DB_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    // keys: {property, environment variable}
    private static final String[] URL = {"db.url", "ONESTOP_DB_URL"};
    private static final String[] USER = {"db.user", "ONESTOP_DB_USER"};
    private static final String[] PASSWORD = {"db.password", "ONESTOP_DB_PASSWORD"};
    private static final String[] NAME = {"db.name", "ONESTOP_DB_NAME"};
    private static final String[] DIR = {"db.embedded.dir", "ONESTOP_DATA_DIR"};
    private static final String[] POOL = {"db.pool.size", "ONESTOP_DB_POOL_SIZE"};
    private static final String[] TIMEOUT = {
        "db.connection-timeout-ms", "ONESTOP_DB_CONNECTION_TIMEOUT_MS"
    };
    private static final String[] SYNC_WAIT = {"db.galera.sync-wait", "ONESTOP_DB_GALERA_SYNC_WAIT"};
    private static final Set<String> KNOWN_KEYS =
            Set.of(URL[0], USER[0], PASSWORD[0], NAME[0], DIR[0], POOL[0], TIMEOUT[0], SYNC_WAIT[0]);

    /** Validates and normalises (blank URL becomes null, null user/password become defaults). */
    public DatabaseConfig {
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.trim();
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:mariadb:")) {
            throw new IllegalArgumentException(
                    "db.url must be a MariaDB JDBC URL such as jdbc:mariadb://host:3306/onestop,"
                        + " got '"
                            + jdbcUrl
                            + "'");
        }
        user = user == null || user.isBlank() ? DEFAULT_USER : user.trim();
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database.trim();
        if (!DB_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "db.name must be 1-64 characters of letters, digits and '_', got '"
                            + database
                            + "'");
        }
        embeddedDir =
                (embeddedDir == null ? DEFAULT_EMBEDDED_DIR : embeddedDir)
                        .toAbsolutePath()
                        .normalize();
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException(
                    "db.pool.size must be between 1 and " + MAX_POOL_SIZE + ", got " + poolSize);
        }
        if (connectionTimeoutMs < MIN_CONNECTION_TIMEOUT_MS
                || connectionTimeoutMs > MAX_CONNECTION_TIMEOUT_MS) {
            throw new IllegalArgumentException(
                    "db.connection-timeout-ms must be between "
                            + MIN_CONNECTION_TIMEOUT_MS
                            + " and "
                            + MAX_CONNECTION_TIMEOUT_MS
                            + ", got "
                            + connectionTimeoutMs);
        }
        if (syncWait < 0 || syncWait > 15) {
            throw new IllegalArgumentException("db.galera.sync-wait must be 0..15, got " + syncWait);
        }
    }

    /** The settings with {@link #DEFAULT_SYNC_WAIT}. */
    public DatabaseConfig(String jdbcUrl, String user, String password, String database, Path embeddedDir,
                          int poolSize, long connectionTimeoutMs) {
        this(jdbcUrl, user, password, database, embeddedDir, poolSize, connectionTimeoutMs, DEFAULT_SYNC_WAIT);
    }

    /** Embedded database in {@link #DEFAULT_EMBEDDED_DIR} with all defaults. */
    public static DatabaseConfig defaults() {
        return new DatabaseConfig(
                null,
                DEFAULT_USER,
                "",
                DEFAULT_DATABASE,
                DEFAULT_EMBEDDED_DIR,
                defaultPoolSize(),
                DEFAULT_CONNECTION_TIMEOUT_MS);
    }

    /** Embedded database in {@code dir}, other settings default. */
    public static DatabaseConfig embedded(Path dir) {
        return defaults().withEmbeddedDir(dir);
    }

    /** An external server, other settings default. */
    public static DatabaseConfig external(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(
                Objects.requireNonNull(jdbcUrl, "jdbcUrl"),
                user,
                password,
                DEFAULT_DATABASE,
                DEFAULT_EMBEDDED_DIR,
                defaultPoolSize(),
                DEFAULT_CONNECTION_TIMEOUT_MS);
    }

    /** 2 x available processors (the design notes' pool size for group commit). */
    public static int defaultPoolSize() {
        return Math.min(MAX_POOL_SIZE, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** True when no URL is configured and the embedded server is used. */
    public boolean embedded() {
        return jdbcUrl == null;
    }

    public DatabaseConfig withJdbcUrl(String url) {
        return new DatabaseConfig(
                url, user, password, database, embeddedDir, poolSize, connectionTimeoutMs, syncWait);
    }

    public DatabaseConfig withDatabase(String name) {
        return new DatabaseConfig(
                jdbcUrl, user, password, name, embeddedDir, poolSize, connectionTimeoutMs, syncWait);
    }

    public DatabaseConfig withEmbeddedDir(Path dir) {
        return new DatabaseConfig(
                jdbcUrl, user, password, database, dir, poolSize, connectionTimeoutMs, syncWait);
    }

    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(
                jdbcUrl, user, password, database, embeddedDir, size, connectionTimeoutMs, syncWait);
    }

    public DatabaseConfig withConnectionTimeoutMs(long ms) {
        return new DatabaseConfig(jdbcUrl, user, password, database, embeddedDir, poolSize, ms, syncWait);
    }

    /** {@link #load(Path, Map)} with {@link #DEFAULT_FILE} and the process environment. */
    public static DatabaseConfig load() {
        return load(DEFAULT_FILE, System.getenv());
    }

    /**
     * Reads {@code propertiesFile} (UTF-8; a missing file or null means defaults only), then lets
     * {@code env} override it.
     *
     * @throws ConfigurationException naming the offending key and its source when a value is bad,
     *     or the file when it exists but cannot be read
     */
    public static DatabaseConfig load(Path propertiesFile, Map<String, String> env) {
        return load(Settings.load(propertiesFile, env));
    }

    /**
     * The database settings of {@code s}.
     *
     * @throws ConfigurationException naming the offending key and its source when a value is bad
     */
    public static DatabaseConfig load(Settings s) {
        for (String k : s.fileKeys()) {
            if (k.startsWith("db.") && !KNOWN_KEYS.contains(k)) {
                log.warn(
                        "{}: unknown database key '{}' ignored (known: {})",
                        s.fileName(),
                        k,
                        KNOWN_KEYS);
            }
        }
        String url = s.get(URL[0], URL[1]);
        if (url != null && !url.startsWith("jdbc:mariadb:")) {
            throw s.error(
                    URL[0],
                    URL[1],
                    "must be a MariaDB JDBC URL such as jdbc:mariadb://host:3306/onestop, got '"
                            + url
                            + "'");
        }
        String name = s.get(NAME[0], NAME[1]);
        if (name != null && !DB_NAME.matcher(name).matches()) {
            throw s.error(
                    NAME[0],
                    NAME[1],
                    "must be 1-64 characters of letters, digits and '_', got '" + name + "'");
        }
        return new DatabaseConfig(
                url,
                s.get(USER[0], USER[1]),
                s.getRaw(PASSWORD[0], PASSWORD[1]),
                name,
                s.path(DIR[0], DIR[1], null),
                s.intValue(POOL[0], POOL[1], defaultPoolSize(), 1, MAX_POOL_SIZE),
                s.longValue(
                        TIMEOUT[0],
                        TIMEOUT[1],
                        DEFAULT_CONNECTION_TIMEOUT_MS,
                        MIN_CONNECTION_TIMEOUT_MS,
                        MAX_CONNECTION_TIMEOUT_MS),
                s.intValue(SYNC_WAIT[0], SYNC_WAIT[1], DEFAULT_SYNC_WAIT, 0, 15));
    }

    /**
     * A {@link ConfigurationException} about database setting {@code property} (e.g. {@code
     * db.url}) that names where its value in {@code s} came from, for problems found when the
     * settings are used (a server that cannot be reached, a folder that cannot be created).
     */
    public static ConfigurationException settingError(
            Settings s, String property, String problem, Throwable cause) {
        for (String[] key : List.of(URL, USER, PASSWORD, NAME, DIR, POOL, TIMEOUT, SYNC_WAIT)) {
            if (key[0].equals(property)) {
                return s.error(key[0], key[1], problem, cause);
            }
        }
        throw new IllegalArgumentException("not a database setting: " + property);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl="
                + (jdbcUrl == null ? "(embedded)" : jdbcUrl)
                + ", user="
                + user
                + ", password="
                + (password.isEmpty() ? "(empty)" : "****")
                + ", database="
                + database
                + ", embeddedDir="
                + embeddedDir
                + ", poolSize="
                + poolSize
                + ", connectionTimeoutMs="
                + connectionTimeoutMs
                + ", syncWait="
                + syncWait
                + "]";
    }
}
