package cn.onestop.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One database node as {@link DatabaseProbe} sees it, looked at on a connection of its own: a ping
 * (tried again at once on a new connection when it fails), and on a Galera node ({@code wsrep_on})
 * its state: usable only while {@code wsrep_ready} is ON, {@code wsrep_local_state} is 4 (Synced) and
 * {@code wsrep_cluster_status} is Primary. A joiner, a donor, a desynced node or one cut off in a
 * minority would refuse the gateway's statements (1047) or answer from a state behind the cluster.
 */
final class NodeProbe {
    private static final String WSREP_STATE = "SHOW GLOBAL STATUS WHERE Variable_name IN "
            + "('wsrep_ready', 'wsrep_local_state', 'wsrep_local_state_comment', 'wsrep_cluster_status')";

    private final String url;
    private final String name;
    private final Properties login;
    private final Duration timeout;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicInteger looks = new AtomicInteger();
    private volatile boolean usable;
    private volatile boolean galera;
    private volatile String why = "not looked at yet";
    private Connection connection; // the probing thread only

    NodeProbe(String url, String user, String password, Duration timeout) {
        this.url = url;
        this.name = Nodes.name(url);
        this.timeout = timeout;
        this.login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        login.setProperty("socketTimeout", Long.toString(timeout.toMillis()));
    }

    String name() {
        return name;
    }

    boolean usable() {
        return usable;
    }

    boolean galera() {
        return galera;
    }

    String why() {
        return usable ? "" : why;
    }

    /** How many times the node has been looked at. */
    int looks() {
        return looks.get();
    }

    /** Claims the next unscheduled look; false when one is already on its way. */
    boolean claim() {
        return pending.compareAndSet(false, true);
    }

    void release() {
        pending.set(false);
    }

    /** Looks at the node now (on the probing thread). */
    synchronized void look() {
        pending.set(false);
        try {
            if (connection != null && !ping()) {
                closeConnection(); // broken, or the server was slow: a new connection decides
            }
            if (connection == null) {
                connection = DriverManager.getConnection(url, login);
                if (!ping()) {
                    throw new SQLException("no answer to a ping within " + timeout.toMillis() + " ms");
                }
                galera = wsrepOn(connection);
            }
            String unfit = galera ? unfit(connection) : null;
            why = unfit == null ? "" : unfit;
            usable = unfit == null;
        } catch (SQLException | RuntimeException e) { // refused, reset, denied, silent
            closeConnection();
            why = e.getMessage() == null ? e.toString() : e.getMessage();
            usable = false;
        } finally {
            looks.incrementAndGet();
        }
    }

    private boolean ping() throws SQLException {
        return connection.isValid((int) Math.max(1, timeout.toSeconds()));
    }

    /** Whether the server is a Galera node: {@code wsrep_on} exists and is ON. */
    static boolean wsrepOn(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        }
    }

    /** Why a Galera node is not fit to use now, or null when it is (ready, Synced, primary). */
    static String unfit(Connection c) throws SQLException {
        Map<String, String> s = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(WSREP_STATE)) {
            while (rs.next()) {
                s.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            }
        }
        if (!"ON".equalsIgnoreCase(s.get("wsrep_ready")) || !"4".equals(s.get("wsrep_local_state"))
                || !"Primary".equalsIgnoreCase(s.get("wsrep_cluster_status"))) {
            return "Galera node not fit to use: wsrep_ready=" + s.get("wsrep_ready") + ", state "
                    + s.get("wsrep_local_state_comment") + ", cluster " + s.get("wsrep_cluster_status");
        }
        return null;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is broken already
            }
            connection = null;
        }
    }

    synchronized void close() {
        closeConnection();
    }
}
