package cn.onestop.cli;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.db.Settings;
import cn.onestop.gateway.ClearingConfig;
import cn.onestop.gateway.Gateway;
import cn.onestop.gateway.MetricsConfig;
import cn.onestop.gateway.NationalConfig;
import cn.onestop.gateway.ServerConfig;
import cn.onestop.gateway.TlsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code onestop serve}: the gateway. With no database configured it runs an embedded MariaDB
 * under {@code data/mariadb}, publishes the sample rule tables and loads the sample institutions
 * and persons on first start.
 *
 * <p>A bad setting, or one that cannot be used (an unreachable {@code db.url}, an embedded dir
 * that cannot be created or is in use, a port that is taken), ends the command with a {@link
 * ConfigurationException}: one line naming the setting and where its value came from (see {@link
 * Main}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the settlement gateway (gRPC, and the national JSON interface on national.port). Settings: config/onestop.properties and ONESTOP_* variables.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "properties file (default: ${DEFAULT-VALUE})")
    Path config = Path.of("config", "onestop.properties");

    @Option(names = "--port", paramLabel = "PORT", description = "gRPC port (overrides server.port)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = parent != null ? parent.env() : System.getenv();
        if (spec.commandLine().getParseResult().hasMatchedOption("--config") && !Files.exists(config)) {
            throw new ConfigurationException("--config", "--config " + config + ": no such file");
        }
        Settings settings = Settings.load(config, env);
        Logs.configure(settings);
        DatabaseConfig dbConfig = DatabaseConfig.load(settings);
        ServerConfig serverConfig = ServerConfig.load(settings);
        if (port != null) {
            if (port < 0 || port > 65_535) {
                throw new ConfigurationException("--port", "--port must be from 0 to 65535, got " + port);
            }
            serverConfig = serverConfig.withPort(port);
        }
        MetricsConfig metrics = MetricsConfig.load(settings, serverConfig.port());
        NationalConfig national = NationalConfig.load(settings);
        checkPortFree(serverConfig.port(), settings); // before the database takes seconds to start
        if (metrics.enabled()) {
            checkFree(metrics.port(), e -> MetricsConfig.portError(settings, "is " + metrics.port()
                    + ", which cannot be listened on: " + Main.oneLine(e.getMessage()), e));
        }
        checkFree(national.port(), e -> NationalConfig.portError(settings, "is " + national.port()
                + ", which cannot be listened on: " + Main.oneLine(e.getMessage()), e));
        Database db = openDatabase(dbConfig, settings);
        Gateway gateway;
        try {
            gateway = startGateway(db, serverConfig, metrics, national, settings);
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            db.close();
        }, "onestop-shutdown"));
        System.out.println("OneStop gateway ready on port " + gateway.port() + " (gRPC)"
                + (gateway.nationalPort() >= 0 ? " and " + gateway.nationalPort() + " (national JSON interface)" : "")
                + " (database " + (db.embedded() ? "embedded" : db.jdbcUrl()) + ")"
                + (gateway.metricsPort().isPresent() ? ", metrics on port " + gateway.metricsPort().getAsInt() : ""));
        gateway.awaitTermination();
        return 0;
    }

    /** Opens the database, turning a setting that cannot be used into a {@link ConfigurationException}. */
    private static Database openDatabase(DatabaseConfig cfg, Settings settings) throws SQLException, IOException {
        try {
            return Database.open(cfg);
        } catch (EmbeddedMariaDb.FolderInUseException e) {
            throw DatabaseConfig.settingError(settings, "db.embedded.dir",
                    "is " + cfg.embeddedDir() + ", which another process uses (another onestop serve?)", e);
        } catch (FileSystemException e) {
            if (!cfg.embedded()) {
                throw e;
            }
            throw DatabaseConfig.settingError(settings, "db.embedded.dir",
                    "is " + cfg.embeddedDir() + ", which cannot be used: " + describe(e), e);
        } catch (SQLException e) {
            if (cfg.embedded()) {
                throw e;
            }
            String url = withoutOptions(cfg.jdbcUrl());
            if (Database.isUnavailable(e)) {
                throw DatabaseConfig.settingError(settings, "db.url",
                        "is " + url + ", which cannot be reached: " + Main.oneLine(e.getMessage()), e);
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28") || e.getErrorCode() == 1045) {
                throw DatabaseConfig.settingError(settings, "db.user",
                        "is " + cfg.user() + ", which " + url + " refused (check db.user and db.password): "
                        + Main.oneLine(e.getMessage()), e);
            }
            if (e.getErrorCode() == 1049) {
                throw DatabaseConfig.settingError(settings, "db.url",
                        "is " + url + ", which names a database that does not exist: " + Main.oneLine(e.getMessage()), e);
            }
            throw e;
        }
    }

    /** Fails with a {@link ConfigurationException} when something already listens on {@code port}. */
    private void checkPortFree(int p, Settings settings) {
        checkFree(p, e -> portError(p, settings, e));
    }

    /**
     * Fails with the setting's own {@link ConfigurationException} when something already listens on
     * {@code p}; a port of 0 (any free one) or less (not served) is not checked.
     */
    private static void checkFree(int p, java.util.function.Function<IOException, ConfigurationException> error) {
        if (p <= 0) {
            return;
        }
        try {
            free(p);
        } catch (IOException e) {
            throw error.apply(e);
        }
    }

    private static void free(int p) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the servers bind
            s.bind(new InetSocketAddress(p));
        }
    }

    private Gateway startGateway(Database db, ServerConfig cfg, MetricsConfig metrics, NationalConfig national,
                                 Settings settings) throws IOException, SQLException {
        try {
            return Gateway.start(db, cfg, TlsConfig.load(settings), ClearingConfig.load(settings), metrics, national,
                    Clock.systemUTC());
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw portError(cfg.port(), settings, t);
                }
            }
            throw e;
        }
    }

    private ConfigurationException portError(int p, Settings settings, Throwable e) {
        String why = "cannot be listened on: " + Main.oneLine(e.getMessage());
        if (port != null) {
            return new ConfigurationException("--port", "--port " + p + " (command line) " + why, e);
        }
        return ServerConfig.settingError(settings, "server.port", "is " + p + ", which " + why, e);
    }

    private static String describe(FileSystemException e) {
        String what = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e.getReason() != null ? e.getReason()
                : e.getClass().getSimpleName();
        return "cannot create " + e.getFile() + ": " + what;
    }

    /** The URL without its {@code ?options} (they may carry a password). */
    private static String withoutOptions(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
