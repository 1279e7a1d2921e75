package cn.onestop.db;

/**
 * The parts of a {@code jdbc:mariadb://hosts/db?options} URL the database needs: the database it
 * names, and the same URL with another database or none.
 */
final class JdbcUrls {
    private JdbcUrls() {
    }

    /** A single-server URL without its database (options kept): what reaches the server itself. */
    static String withoutDatabase(String url) {
        int slash = pathSlash(url);
        if (slash < 0) {
            return url;
        }
        int q = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + (q < 0 ? "" : url.substring(q));
    }

    static String checkName(String dbName) {
        if (dbName == null || !dbName.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("bad database name '" + dbName + "'");
        }
        return dbName;
    }

    /**
     * The database named by a {@code jdbc:mariadb://hosts/db?opts} URL, or null when it names none.
     */
    static String databaseOf(String url) {
        int slash = pathSlash(url);
        if (slash < 0) {
            return null;
        }
        int q = url.indexOf('?', slash);
        String db = url.substring(slash + 1, q < 0 ? url.length() : q);
        return db.isEmpty() ? null : db;
    }

    /** {@code url} with its database replaced by (or set to) {@code dbName}; options are kept. */
    static String withDatabase(String url, String dbName) {
        int hosts = hostsStart(url);
        int slash = pathSlash(url);
        if (slash < 0) {
            int q = url.indexOf('?', hosts);
            return q < 0
                    ? url + "/" + dbName
                    : url.substring(0, q) + "/" + dbName + url.substring(q);
        }
        int q = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + dbName + (q < 0 ? "" : url.substring(q));
    }

    private static int hostsStart(String url) {
        int i = url.indexOf("//");
        if (i < 0) {
            throw new IllegalArgumentException("not a jdbc:mariadb://host/... URL: " + url);
        }
        return i + 2;
    }

    /** Index of the '/' that starts the database path, or -1. */
    private static int pathSlash(String url) {
        int hosts = hostsStart(url);
        int slash = url.indexOf('/', hosts);
        int q = url.indexOf('?', hosts);
        if (slash < 0 || (q >= 0 && q < slash)) {
            return -1;
        }
        return slash;
    }
}
