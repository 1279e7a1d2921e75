package cn.onestop.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database nodes a {@code db.url} names, in the order this gateway prefers them: one server
 * ({@code jdbc:mariadb://db1:3306/onestop}) or the nodes of a Galera cluster, written as
 * MariaDB Connector/J writes them, {@code jdbc:mariadb:sequential://db1:3306,db2:3306,db3:3306/onestop}
 * (the order given: every gateway writes to its first node while it is usable) or
 * {@code jdbc:mariadb:loadbalance://…} (the same nodes in an order rotated at random once per process, so
 * that gateways spread over the nodes). Each node becomes a single-server URL with the same database and
 * options; the gateway keeps a pool per node and fails over itself ({@link CallDataSource}), because a
 * node can accept connections and still be unfit to use (a Galera node that is not Synced).
 * Other modes ({@code replication}, {@code aurora}) and the {@code address=(…)} form are refused.
 */
public final class Nodes {
    private Nodes() {
    }

    /** The single-server URLs of the nodes {@code url} names, in the order to prefer them. */
    public static List<String> of(String url) {
        return of(url, ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** As {@link #of(String)}, a {@code loadbalance} list rotated by {@code rotation}. */
    static List<String> of(String url, int rotation) {
        if (url == null || !url.startsWith("jdbc:mariadb:")) {
            throw new IllegalArgumentException("not a MariaDB JDBC URL: " + url);
        }
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            throw new IllegalArgumentException("not a jdbc:mariadb://host/... URL: " + url);
        }
        String mode = url.substring("jdbc:mariadb:".length(), slashes);
        if (!mode.isEmpty() && !mode.equals("sequential:") && !mode.equals("loadbalance:")) {
            throw new IllegalArgumentException("db.url mode '" + mode.replace(":", "") + "' is not supported: "
                    + "name one server, or the nodes of a Galera cluster with sequential: or loadbalance:");
        }
        int end = firstOf(url, slashes + 2, '/', '?');
        String hostList = url.substring(slashes + 2, end);
        String rest = url.substring(end);
        List<String> hosts = new ArrayList<>();
        for (String h : hostList.split(",", -1)) {
            String host = h.trim();
            if (host.isEmpty() || host.startsWith("address=")) {
                throw new IllegalArgumentException("db.url must list nodes as host[:port], comma-separated, got '"
                        + hostList + "'");
            }
            hosts.add(host);
        }
        if (mode.equals("loadbalance:")) {
            int k = Math.floorMod(rotation, hosts.size());
            List<String> rotated = new ArrayList<>(hosts.subList(k, hosts.size()));
            rotated.addAll(hosts.subList(0, k));
            hosts = rotated;
        }
        List<String> out = new ArrayList<>(hosts.size());
        for (String h : hosts) {
            out.add("jdbc:mariadb://" + h + rest);
        }
        return List.copyOf(out);
    }

    /** {@code host:port} of a single-server URL, as logs and health name a node. */
    public static String name(String nodeUrl) {
        int s = nodeUrl.indexOf("//") + 2;
        return nodeUrl.substring(s, firstOf(nodeUrl, s, '/', '?'));
    }

    private static int firstOf(String s, int from, char a, char b) {
        int i = s.indexOf(a, from);
        int j = s.indexOf(b, from);
        if (i < 0) {
            return j < 0 ? s.length() : j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
