package cn.onestop.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's MariaDB server ({@code mariadb-server}, 10.11) as a Galera cluster of {@code n} nodes on
 * loopback, for tests: each node a {@code mariadbd} of its own, with its ports (SQL, group
 * communication, IST, SST) and its data dir under {@code target/}, bootstrapped here (the first
 * node starts a new cluster, the others join it by state transfer) and torn down by {@link #close}.
 * With {@code galera} false, one plain server of the same package (no wsrep). A node can be killed
 * ({@code SIGKILL}) and started again: its position is recovered from InnoDB ({@code --wsrep-recover})
 * so that it rejoins by incremental state transfer (IST) when the others still hold what it missed.
 *
 * <p>The nodes refuse what Galera cannot replicate ({@code wsrep_mode=REQUIRED_PRIMARY_KEY,
 * STRICT_REPLICATION}: a table without a primary key, a table of another engine than InnoDB).
 */
public final class GaleraCluster implements AutoCloseable {
    public static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    public static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    public static final String USER = "onestop";
    public static final String PASSWORD = "onestop-test-cluster";
    private static final Pattern RECOVERED = Pattern.compile("Recovered position: ([0-9a-f-]+:-?[0-9]+)");

    private final Path root;
    private final boolean galera;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its folder, its ports and its process. */
    public static final class Node {
        final int index;
        final Path dir;
        final int sqlPort;
        final int groupPort;
        final int istPort;
        final int sstPort;
        Process process;

        Node(int index, Path dir, int[] ports) {
            this.index = index;
            this.dir = dir;
            this.sqlPort = ports[0];
            this.groupPort = ports[1];
            this.istPort = ports[2];
            this.sstPort = ports[3];
        }

        public int port() {
            return sqlPort;
        }

        /** {@code host:port} of the node's SQL port. */
        public String address() {
            return "127.0.0.1:" + sqlPort;
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }
    }

    private GaleraCluster(Path root, boolean galera) {
        this.root = root;
        this.galera = galera;
    }

    /**
     * Why Debian's packages cannot be used here (binaries absent and not installable), or empty when
     * they can. When they are absent and this runs as root, {@code apt-get} installs them first (once
     * a JVM; the answer is kept).
     */
    public static synchronized Optional<String> unavailable() {
        if (unavailable == null) {
            unavailable = findUnavailable();
        }
        return unavailable;
    }

    private static Optional<String> unavailable; // guarded by GaleraCluster.class: apt-get is tried once a JVM

    private static Optional<String> findUnavailable() {
        if (installed()) {
            return Optional.empty();
        }
        String why = "Debian's mariadb-server and galera-4 are not installed (" + MARIADBD + ", " + PROVIDER + ")";
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of(why + " and this is not root, so apt-get cannot install them");
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                    + "apt-get install -y -q --no-install-recommends mariadb-server galera-4")
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "apt-get-galera.log").toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.of(why + "; apt-get install failed (target/apt-get-galera.log)");
            }
        } catch (IOException e) {
            return Optional.of(why + "; apt-get could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(why + "; interrupted");
        }
        return installed() ? Optional.empty() : Optional.of(why + " even after apt-get install");
    }

    private static boolean installed() {
        return Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL_DB) && Files.isRegularFile(PROVIDER);
    }

    /** A Galera cluster of {@code n} nodes under {@code target/<name>}, every node Synced. */
    public static GaleraCluster start(String name, int n) throws Exception {
        return start(name, n, true);
    }

    /** A single server of Debian's package without Galera, under {@code target/<name>}. */
    public static GaleraCluster standalone(String name) throws Exception {
        return start(name, 1, false);
    }

    private static GaleraCluster start(String name, int n, boolean galera) throws Exception {
        Path root = Path.of("target", name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        deleteTree(root);
        GaleraCluster c = new GaleraCluster(root, galera);
        try {
            for (int i = 0; i < n; i++) {
                c.nodes.add(new Node(i, root.resolve("n" + (i + 1)), freePorts(4)));
            }
            for (Node node : c.nodes) {
                c.prepare(node);
            }
            c.install(c.nodes.get(0));
            c.launch(c.nodes.get(0), galera ? List.of("--wsrep-new-cluster") : List.of());
            c.awaitReady(c.nodes.get(0), Duration.ofSeconds(60));
            c.createUser(c.nodes.get(0));
            for (Node node : c.nodes.subList(1, n)) {
                c.launch(node, List.of()); // an empty data dir: a full state transfer (SST) from a donor
            }
            for (Node node : c.nodes) {
                c.awaitReady(node, Duration.ofSeconds(120));
            }
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    /** A single-server URL of node {@code i}, naming {@code database} (or none when null). */
    public String url(int i, String database) {
        return "jdbc:mariadb://" + nodes.get(i).address() + "/" + (database == null ? "" : database);
    }

    /** Every node, in the order given by {@code order}, as a {@code sequential:} URL naming {@code database}. */
    public String sequentialUrl(String database, int... order) {
        StringBuilder sb = new StringBuilder("jdbc:mariadb:sequential://");
        for (int k = 0; k < order.length; k++) {
            sb.append(k == 0 ? "" : ",").append(nodes.get(order[k]).address());
        }
        return sb.append('/').append(database).toString();
    }

    /** SIGKILL to node {@code i}'s mariadbd: no shutdown, InnoDB and Galera left mid-way. */
    public void kill(int i) throws InterruptedException {
        Node node = nodes.get(i);
        node.process.destroyForcibly();
        node.process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Starts node {@code i} again on its data dir: its last committed position recovered from InnoDB,
     * it rejoins the cluster (IST when the others' caches still hold what it missed, SST otherwise).
     */
    public void restart(int i) throws Exception {
        Node node = nodes.get(i);
        List<String> extra = new ArrayList<>();
        if (galera) {
            Path log = node.dir.resolve("recover.log");
            Process p = new ProcessBuilder(MARIADBD.toString(), "--defaults-file=" + node.dir.resolve("my.cnf"),
                    "--wsrep-recover", "--log-error=" + log).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("out.log").toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("mariadbd --wsrep-recover did not finish");
            }
            Matcher m = RECOVERED.matcher(Files.readString(log));
            String position = null;
            while (m.find()) {
                position = m.group(1);
            }
            if (position != null) {
                extra.add("--wsrep-start-position=" + position);
            }
        }
        launch(node, extra);
    }

    /** Waits until node {@code i} takes connections and, on Galera, is Synced in the primary component. */
    public void awaitReady(int i, Duration atMost) throws Exception {
        awaitReady(nodes.get(i), atMost);
    }

    /** Whether node {@code i} answers and is Synced (always, for a standalone server that answers). */
    public boolean ready(int i) {
        try (Connection c = connect(nodes.get(i), false)) {
            return !galera || NodeProbe.unfit(c) == null;
        } catch (SQLException e) {
            return false;
        }
    }

    /** How the nodes of a Galera cluster count themselves (wsrep_cluster_size) on node {@code i}. */
    public int clusterSize(int i) throws SQLException {
        try (Connection c = connect(nodes.get(i), false); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'")) {
            return rs.next() ? rs.getInt(2) : 0;
        }
    }

    /** The last lines of node {@code i}'s error log that mention state transfer (what a rejoin took). */
    public String stateTransfer(int i) throws IOException {
        Path log = nodes.get(i).dir.resolve("error.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log).stream()
                .filter(l -> l.contains("IST received") || l.contains("SST complete") || l.contains("State transfer"))
                .toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private void prepare(Node node) throws IOException {
        Files.createDirectories(node.dir.resolve("data"));
        Files.createDirectories(node.dir.resolve("tmp"));
        Files.writeString(node.dir.resolve("my.cnf"), config(node));
        if (root()) {
            chownToMysql(node.dir);
        }
    }

    private String config(Node node) {
        StringBuilder sb = new StringBuilder("[mariadbd]\n");
        sb.append("datadir=").append(node.dir.resolve("data")).append('\n');
        sb.append("tmpdir=").append(node.dir.resolve("tmp")).append('\n');
        sb.append("socket=").append(socket(node)).append('\n');
        sb.append("pid-file=").append(node.dir.resolve("mariadbd.pid")).append('\n');
        sb.append("log-error=").append(node.dir.resolve("error.log")).append('\n');
        sb.append("port=").append(node.sqlPort).append('\n');
        sb.append("bind-address=127.0.0.1\nskip-name-resolve\n");
        if (root()) {
            sb.append("user=mysql\n"); // state transfer by rsync runs as the server's user, not as root
        }
        sb.append("""
                default_storage_engine=InnoDB
                innodb_buffer_pool_size=96M
                innodb_log_file_size=64M
                innodb_flush_log_at_trx_commit=1
                max_connections=200
                performance_schema=OFF
                """);
        if (galera) {
            StringBuilder peers = new StringBuilder();
            for (Node n : nodes) {
                peers.append(peers.length() == 0 ? "" : ",").append("127.0.0.1:").append(n.groupPort);
            }
            sb.append("binlog_format=ROW\ninnodb_autoinc_lock_mode=2\nwsrep_on=ON\n");
            sb.append("wsrep_provider=").append(PROVIDER).append('\n');
            sb.append("wsrep_cluster_name=onestop-test\n");
            sb.append("wsrep_cluster_address=gcomm://").append(peers).append('\n');
            sb.append("wsrep_node_name=n").append(node.index + 1).append('\n');
            sb.append("wsrep_node_address=127.0.0.1:").append(node.groupPort).append('\n');
            sb.append("wsrep_node_incoming_address=127.0.0.1:").append(node.sqlPort).append('\n');
            sb.append("wsrep_sst_receive_address=127.0.0.1:").append(node.sstPort).append('\n');
            sb.append("wsrep_sst_method=rsync\nwsrep_slave_threads=2\n");
            sb.append("wsrep_mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION\n");
            sb.append("wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:").append(node.groupPort)
                    .append(";ist.recv_addr=127.0.0.1:").append(node.istPort)
                    .append(";gcache.size=256M;evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S"
                            + ";evs.inactive_timeout=PT4S;evs.install_timeout=PT4S\"\n");
        }
        return sb.toString();
    }

    /** A short socket path (the 107-byte limit) of its own, outside the checkout. */
    private Path socket(Node node) {
        return Path.of(System.getProperty("java.io.tmpdir"), "onestop-" + ProcessHandle.current().pid() + "-"
                + root.getFileName().toString().hashCode() + "-n" + (node.index + 1) + ".sock");
    }

    private void install(Node node) throws Exception {
        Process p = new ProcessBuilder(INSTALL_DB.toString(), "--defaults-file=" + node.dir.resolve("my.cnf"),
                "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(node.dir.resolve("install.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(node.dir.resolve("install.log")));
        }
    }

    private void launch(Node node, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(MARIADBD.toString(), "--defaults-file=" + node.dir.resolve("my.cnf")));
        cmd.addAll(extra);
        node.process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("out.log").toFile())).start();
    }

    private void awaitReady(Node node, Duration atMost) throws Exception {
        long until = System.nanoTime() + atMost.toNanos();
        while (true) {
            if (!node.alive()) {
                throw new IllegalStateException("mariadbd of node " + (node.index + 1) + " exited: " + tail(node));
            }
            if (ready(node.index)) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("node " + (node.index + 1) + " not ready within " + atMost + ": "
                        + tail(node));
            }
            Thread.sleep(200);
        }
    }

    private String tail(Node node) throws IOException {
        Path log = node.dir.resolve("error.log");
        if (!Files.exists(log)) {
            return "(no error log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private void createUser(Node node) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + node.sqlPort + "/", "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'");
            st.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1'");
        }
    }

    /**
     * What every live node is doing now, for a test that saw settling stall: the statements running
     * (the appliers' too), the lock waits and who holds what is waited for, and whether flow control
     * holds the cluster back.
     */
    public String whatEachNodeIsDoing() {
        StringBuilder sb = new StringBuilder();
        for (Node node : nodes) {
            if (!node.alive()) {
                continue;
            }
            sb.append("node ").append(node.index + 1).append(":\n");
            try (Connection c = connect(node, false); Statement st = c.createStatement()) {
                dump(sb, st, "SELECT ID, USER, COMMAND, TIME_MS, STATE, LEFT(INFO, 120) FROM "
                        + "information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()");
                dump(sb, st, "SELECT r.trx_mysql_thread_id waiting, LEFT(r.trx_query, 100) waiting_query, "
                        + "b.trx_mysql_thread_id holding, b.trx_state, LEFT(b.trx_query, 100) holding_query, "
                        + "r.trx_wait_started FROM information_schema.INNODB_LOCK_WAITS w JOIN "
                        + "information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id JOIN "
                        + "information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id");
                dump(sb, st, "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_flow_control_paused', "
                        + "'wsrep_flow_control_active', 'wsrep_local_recv_queue', 'wsrep_local_send_queue', "
                        + "'wsrep_local_state_comment', 'wsrep_last_committed')");
            } catch (SQLException e) {
                sb.append("  (no answer: ").append(e.getMessage()).append(")\n");
            }
        }
        return sb.toString();
    }

    private static void dump(StringBuilder sb, Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                sb.append(" ");
                for (int i = 1; i <= n; i++) {
                    sb.append(' ').append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i));
                }
                sb.append('\n');
            }
        }
    }

    private Connection connect(Node node, boolean asUser) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", asUser ? USER : "root");
        p.setProperty("password", asUser ? PASSWORD : "");
        p.setProperty("connectTimeout", "1000");
        p.setProperty("socketTimeout", "2000");
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + node.sqlPort + "/", p);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToMysql(Path dir) throws IOException {
        try {
            Process p = new ProcessBuilder("chown", "-R", "mysql:mysql", dir.toString()).inheritIO().start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("chown -R mysql:mysql " + dir + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * {@code n} ports free now, below the kernel's ephemeral range (32768 and up on Linux): a node's
     * ports must still be free when it is restarted, and a port the kernel hands out for outgoing
     * connections (the gateways', the probes') can be taken by one of them meanwhile — seen as a
     * restarted node's IST listener failing with "Address already in use".
     */
    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        try {
            for (int i = 0, tries = 0; i < n; tries++) {
                if (tries > 10_000) {
                    throw new IOException("no free port below " + EPHEMERAL_FROM);
                }
                int port = PORTS_FROM + random.nextInt(EPHEMERAL_FROM - PORTS_FROM);
                try {
                    ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
                    held.add(s);
                    ports[i++] = port;
                } catch (IOException taken) {
                    // in use: another
                }
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    private static final int PORTS_FROM = 20_000;
    private static final int EPHEMERAL_FROM = 32_768;

    /** Kills every node (SIGKILL: a test cluster's data is not kept) and deletes the data dirs. */
    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.destroyForcibly();
                try {
                    node.process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                Files.deleteIfExists(socket(node));
                deleteTree(node.dir.resolve("data"));
            } catch (IOException e) {
                // left for mvn clean
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
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
