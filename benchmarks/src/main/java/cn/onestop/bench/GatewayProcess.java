package cn.onestop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway under test as deployed: {@code java -jar target/onestop.jar serve} in a process of
 * its own (so its heap and CPU are its own), on 127.0.0.1 only, with a properties file written
 * here; its output goes to {@code gateway.log} in the work folder.
 */
final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param settings the properties file's lines (key=value); the port and bind address are added here
     * @param jvm options for the gateway's JVM (a flight recording, a heap size)
     */
    static GatewayProcess start(Path jar, Path work, Map<String, String> settings, List<String> jvm)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringBuilder props = new StringBuilder("# written by the load generator for one benchmark run\n");
        settings.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        props.append("server.port=").append(port).append('\n').append("server.bind=127.0.0.1\n");
        Path file = work.resolve("gateway.properties");
        Files.writeString(file, props, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--config", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ONESTOP_")); // the file alone decides
        Path log = work.resolve("gateway.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        GatewayProcess g = new GatewayProcess(p, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (out.contains("OneStop gateway ready on port")) {
                return g;
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                g.close();
                throw new IOException("the gateway did not start (see " + log + "):\n" + tail(out));
            }
            Thread.sleep(200);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private static String tail(String s) {
        return s.length() <= 4_000 ? s : s.substring(s.length() - 4_000);
    }

    /** Stops it as an operator would (SIGTERM: the gateway closes cleanly), by force after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
