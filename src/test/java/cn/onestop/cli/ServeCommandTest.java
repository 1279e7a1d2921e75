package cn.onestop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code onestop serve} with a bad setting, run in-process as {@code java -jar onestop.jar serve}
 * would: one line on stderr that names the setting and where its value came from, exit status
 * {@link Main#EXIT_CONFIG}, no stack trace.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code onestop serve --config <config> args...} with {@code env} as the environment. */
    private static Run serve(Map<String, String> env, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--config", config.toString()));
        all.addAll(List.of(args));
        return run(() -> Main.commandLine(env), all.toArray(String[]::new));
    }

    /**
     * Runs the command line that {@code cli} makes, capturing stdout, stderr (where the log goes) and
     * picocli's err writer. The command line is made after System.err is swapped: picocli's default
     * execution strategy remembers System.err when it is made and resets the err writer to it.
     */
    private static Run run(Supplier<CommandLine> cli, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = cli.get();
            cl.setErr(new PrintWriter(cliErr, true));
            int status = cl.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path props(String... lines) throws IOException {
        Path f = Files.createTempFile(dir, "onestop", ".properties");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    /** Exit status, one line on stderr naming {@code setting} and {@code source}, no stack trace. */
    private static String assertOneLineConfigError(Run r, String setting, String source) {
        assertEquals(Main.EXIT_CONFIG, r.status(), r.out() + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "one line on stderr:\n" + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("onestop serve: configuration error: "), line);
        assertTrue(line.contains(setting), "names " + setting + ": " + line);
        assertTrue(line.contains(source), "names the source " + source + ": " + line);
        assertFalse(r.out().contains("ready"), r.out());
        return line;
    }

    /** An external database nobody listens on, so no test here starts a server by mistake. */
    private static final String NO_DB = "db.url=jdbc:mariadb://127.0.0.1:1/onestop";

    @Test
    void badValuesInThePropertiesFile() throws Exception {
        Path f = props("server.port=70000", NO_DB);
        String line = assertOneLineConfigError(serve(Map.of(), f), "server.port", f.toString());
        assertTrue(line.contains("70000"), line);

        f = props("db.pool.size=0", NO_DB);
        assertOneLineConfigError(serve(Map.of(), f), "db.pool.size", f.toString());

        f = props("server.zone=Mars/Olympus", NO_DB);
        line = assertOneLineConfigError(serve(Map.of(), f), "server.zone", f.toString());
        assertTrue(line.contains("Mars/Olympus"), line);

        f = props("db.url=jdbc:postgresql://db1/onestop");
        assertOneLineConfigError(serve(Map.of(), f), "db.url", f.toString());

        f = props("samples.load=maybe", NO_DB);
        assertOneLineConfigError(serve(Map.of(), f), "samples.load", f.toString());
    }

    @Test
    void badValuesInTheEnvironmentNameTheVariable() throws Exception {
        Path f = props("server.port=50051", NO_DB);
        String line = assertOneLineConfigError(serve(Map.of("ONESTOP_PORT", "abc"), f), "ONESTOP_PORT",
                "environment variable");
        assertTrue(line.contains("'abc'"), line);

        line = assertOneLineConfigError(serve(Map.of("ONESTOP_DB_POOL_SIZE", "many"), f), "ONESTOP_DB_POOL_SIZE",
                "environment variable");
        assertTrue(line.contains("db.pool.size"), "the property it overrides: " + line);

        assertOneLineConfigError(serve(Map.of("ONESTOP_ZONE", "UTC+99"), f), "ONESTOP_ZONE", "environment variable");
        assertOneLineConfigError(serve(Map.of("ONESTOP_DB_CONNECTION_TIMEOUT_MS", "1"), f),
                "ONESTOP_DB_CONNECTION_TIMEOUT_MS", "environment variable");
    }

    @Test
    void aConfigFileThatCannotBeRead() throws Exception {
        Path notUtf8 = dir.resolve("latin1.properties");
        Files.write(notUtf8, "db.name=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String line = assertOneLineConfigError(serve(Map.of(), notUtf8), "config file", notUtf8.toString());
        assertTrue(line.contains("UTF-8"), line);

        Path folder = Files.createDirectories(dir.resolve("a-folder.properties"));
        assertOneLineConfigError(serve(Map.of(), folder), "config file", folder.toString());

        Path missing = dir.resolve("missing.properties");
        assertOneLineConfigError(serve(Map.of(), missing), "--config", missing.toString());
    }

    @Test
    void anExternalDatabaseThatCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens there once closed
        }
        Path f = props("db.url=jdbc:mariadb://127.0.0.1:" + port + "/onestop?password=secret",
                "db.connection-timeout-ms=500");
        long t0 = System.nanoTime();
        String line = assertOneLineConfigError(serve(Map.of(), f), "db.url", f.toString());
        assertTrue(line.contains("cannot be reached"), line);
        assertFalse(line.contains("secret"), "URL options are not printed: " + line);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "gave up quickly");

        Path ok = props("db.connection-timeout-ms=500");
        assertOneLineConfigError(serve(Map.of("ONESTOP_DB_URL", "jdbc:mariadb://127.0.0.1:" + port + "/"), ok),
                "ONESTOP_DB_URL", "environment variable");
    }

    @Test
    void anEmbeddedDirThatCannotBeCreatedOrIsInUse() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path f = props("db.embedded.dir=" + aFile.resolve("mariadb"));
        String line = assertOneLineConfigError(serve(Map.of(), f), "db.embedded.dir", f.toString());
        assertTrue(line.contains("Not a directory") || line.contains("in the way"), line);

        Path ok = props("server.port=0");
        assertOneLineConfigError(serve(Map.of("ONESTOP_DATA_DIR", aFile.resolve("x").toString()), ok),
                "ONESTOP_DATA_DIR", "environment variable");

        // another server holds the folder (here: this JVM holds its lock)
        Path inUse = Files.createDirectories(dir.resolve("in-use"));
        try (FileChannel ch = FileChannel.open(inUse.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            Path g = props("db.embedded.dir=" + inUse, "server.port=0");
            line = assertOneLineConfigError(serve(Map.of(), g), "db.embedded.dir", g.toString());
            assertTrue(line.contains("another process"), line);
        }
    }

    @Test
    void aPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            Path f = props("server.port=" + port, NO_DB);
            String line = assertOneLineConfigError(serve(Map.of(), f), "server.port", f.toString());
            assertTrue(line.contains(String.valueOf(port)), line);

            Run r = serve(Map.of(), props(NO_DB), "--port", String.valueOf(port));
            assertOneLineConfigError(r, "--port", "command line");
        }
        assertOneLineConfigError(serve(Map.of(), props(NO_DB), "--port", "99999"), "--port", "99999");
    }

    // ---- anything else: logged with its stack trace, then one summary line -----------------------

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the ledger is on fire", new UncheckedIOException(
                    new IOException("disk\nsecond line")));
        }
    }

    @Test
    void anUnexpectedErrorIsLoggedWithItsStackAndEndsWithOneSummaryLine() {
        Run r = run(() -> new CommandLine(new Boom()).setExecutionExceptionHandler(Main::onError));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("\tat "), "the log has the stack trace:\n" + r.err());
        List<String> lines = r.errLines();
        String last = lines.get(lines.size() - 1);
        assertEquals("boom: failed: IllegalStateException: the ledger is on fire (cause: IOException: disk)"
                + " (stack trace above)", last);
    }

    @Test
    void aConfigurationErrorOfAnotherCommandIsOneLineToo() throws Exception {
        Path f = props("db.pool.size=lots");
        Run r = run(() -> Main.commandLine(Map.of()), "audit", "--config", f.toString());
        assertEquals(Main.EXIT_CONFIG, r.status(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.errLines().get(r.errLines().size() - 1).contains("db.pool.size in " + f), r.err());
    }
}
