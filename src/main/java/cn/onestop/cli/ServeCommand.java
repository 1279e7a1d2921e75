package cn.onestop.cli;

import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.gateway.ClearingConfig;
import cn.onestop.gateway.Gateway;
import cn.onestop.gateway.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code onestop serve}: the gateway. With no database configured it runs an embedded MariaDB
 * under {@code data/mariadb}, publishes the sample rule tables and loads the sample institutions
 * and persons on first start.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the settlement gateway (gRPC). Settings: config/onestop.properties and ONESTOP_* variables.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "properties file (default: ${DEFAULT-VALUE})")
    Path config = Path.of("config", "onestop.properties");

    @Option(names = "--port", paramLabel = "PORT", description = "gRPC port (overrides server.port)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        DatabaseConfig dbConfig = DatabaseConfig.load(config, System.getenv());
        ServerConfig serverConfig = ServerConfig.load(config, System.getenv());
        if (port != null) {
            serverConfig = serverConfig.withPort(port);
        }
        Database db = Database.open(dbConfig);
        Gateway gateway;
        try {
            gateway = Gateway.start(db, serverConfig, ClearingConfig.load(config, System.getenv()), Clock.systemUTC(),
                    NettyServerBuilder.forAddress(new InetSocketAddress(serverConfig.port())));
        } catch (Exception e) {
            db.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            db.close();
        }, "onestop-shutdown"));
        System.out.println("OneStop gateway ready on port " + gateway.port() + " (database "
                + (db.embedded() ? "embedded" : db.jdbcUrl()) + ")");
        gateway.awaitTermination();
        return 0;
    }
}
