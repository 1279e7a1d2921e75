package cn.onestop.cli;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.gateway.Gateway;
import cn.onestop.gateway.ServerConfig;
import cn.onestop.gateway.TlsConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A development gateway as {@code onestop serve} starts one, for the commands to talk to: on Netty
 * with TLS and its own development CA, on a fresh database of the test MariaDB, with the sample
 * rule tables, institutions, persons and catalog loaded on first start; and the command line run
 * in this JVM as {@code java -jar onestop.jar …} would run it.
 */
final class SampleGateway implements AutoCloseable {
    final Database db;
    final Gateway gateway;
    final Path pki;

    SampleGateway(String name) throws Exception {
        db = TestDatabase.fresh(name);
        pki = Path.of("target", "pki", "cli-" + name + "-" + ProcessHandle.current().pid());
        gateway = Gateway.start(db, ServerConfig.defaults().withPort(0).withRulesPoll(Duration.ofMillis(200)),
                TlsConfig.defaults().withDir(pki), Clock.systemUTC());
    }

    /** How to reach this gateway: {@code --target} and {@code --pki}. */
    List<String> connection() {
        return List.of("--target", "localhost:" + gateway.port(), "--pki", pki.toString());
    }

    /** {@code words}, with the connection options inserted after the first {@code at} words. */
    String[] args(int at, String... words) {
        List<String> all = new ArrayList<>(List.of(words).subList(0, at));
        all.addAll(connection());
        all.addAll(List.of(words).subList(at, words.length));
        return all.toArray(String[]::new);
    }

    /** What a command printed, and its exit status. */
    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code onestop args…} in this JVM, capturing stdout and stderr. The command line is made
     * after System.err is swapped: picocli remembers System.err when it is made.
     */
    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine(Map.of());
            cl.setErr(new PrintWriter(cliErr, true));
            int status = cl.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Override
    public void close() {
        gateway.close();
        db.close();
    }
}
