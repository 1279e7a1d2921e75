package cn.onestop.national;

import cn.onestop.db.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code onestop serve} as the README runs it, in a process of its own: with {@code national.port} set
 * it starts the national JSON interface beside the gRPC server, prints both ports on its ready line,
 * and a billing system presenting a development client certificate signs in (9001) and reads a
 * sample person (1101) there.
 */
class ServeNationalTest {
    private static final Pattern READY = Pattern.compile(
            "OneStop gateway ready on port (\\d+) \\(gRPC\\) and (\\d+) \\(national JSON interface\\)");

    @Test
    void serveStartsTheNationalInterfaceOnItsPortAndPrintsIt() throws Exception {
        String name = "t_serve_national_" + ProcessHandle.current().pid();
        Path dir = Files.createDirectories(Path.of("target", "serve-national-" + ProcessHandle.current().pid()));
        Path pki = dir.resolve("pki");
        Path config = dir.resolve("onestop.properties");
        Files.write(config, List.of("db.url=" + TestDatabase.serverUrl(), "db.name=" + name,
                "db.user=" + TestDatabase.user(), "db.password=" + TestDatabase.password(),
                "server.port=0", "national.port=0", "tls.dir=" + pki.toAbsolutePath()), StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "cn.onestop.cli.Main", "serve", "--config", config.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ONESTOP_"));
        Process p = pb.start();
        try {
            BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.offer(l);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            }, "serve-output");
            reader.setDaemon(true);
            reader.start();
            Matcher ready = awaitReady(lines, p);
            int grpc = Integer.parseInt(ready.group(1));
            int national = Integer.parseInt(ready.group(2));
            assertTrue(grpc > 0 && national > 0 && grpc != national, ready.group());

            His his = new His(NationalFixture.HOSPITAL, national, pki, null, true);
            JsonNode signIn = OutpatientFlowTest.ok(his.call("9001", "{\"signIn\":{\"opter_no\":\"0001\","
                    + "\"mac\":\"\",\"ip\":\"127.0.0.1\"}}"));
            assertTrue(signIn.at("/signinoutb/sign_no").asText().length() > 0, signIn::toString);
            JsonNode person = OutpatientFlowTest.ok(his.call("1101", "{\"data\":{\"mdtrt_cert_type\":\"02\","
                    + "\"mdtrt_cert_no\":\"" + UnknownOutcomeTest.LIU_ID_CARD + "\",\"psn_cert_type\":\"01\","
                    + "\"certno\":\"" + UnknownOutcomeTest.LIU_ID_CARD + "\"}}"));
            assertEquals(UnknownOutcomeTest.LIU, person.at("/baseinfo/psn_no").asText(), person::toString);
        } finally {
            p.destroy(); // SIGTERM: the shutdown hook closes the gateway and the pool
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static Matcher awaitReady(BlockingQueue<String> lines, Process p) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            String l = lines.poll(500, TimeUnit.MILLISECONDS);
            if (l == null) {
                assertTrue(p.isAlive(), "serve ended (status " + (p.isAlive() ? "" : p.exitValue()) + "):\n" + seen);
                continue;
            }
            seen.append(l).append('\n');
            Matcher m = READY.matcher(l);
            if (m.find()) {
                return m;
            }
        }
        assertNotNull(null, "no ready line within 120 s:\n" + seen);
        return null;
    }
}
