package cn.onestop.national;

import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.gateway.Gateway;
import cn.onestop.gateway.NationalConfig;
import cn.onestop.gateway.ServerConfig;
import cn.onestop.gateway.TlsConfig;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A gateway started as {@code onestop serve} starts it — samples (institutions, persons, the sample
 * catalog), the development CA, the national interface on a port of its own — on a fresh database,
 * with a billing system of the grade-3A hospital in Hohhot talking to it over TLS.
 */
final class NationalFixture implements AutoCloseable {
    static final String HOSPITAL = "H15010500001";
    static final String NEIGHBOUR = "H15010300001";
    static final int MAX_BODY = 256 * 1024;

    final Database db;
    final Gateway gateway;
    final Path pki;
    final ManagedChannel channel;

    NationalFixture(String name) throws Exception {
        this(name, cfg -> cfg);
    }

    /** @param settings changes to the gateway's settings (the defaults, any port) */
    NationalFixture(String name, java.util.function.UnaryOperator<ServerConfig> settings) throws Exception {
        this(name, settings, Clock.systemUTC());
    }

    /** @param clock the gateway's clock (a test moves it to close a month) */
    NationalFixture(String name, java.util.function.UnaryOperator<ServerConfig> settings, Clock clock)
            throws Exception {
        db = TestDatabase.fresh(name);
        pki = Path.of("target", "pki", "national-" + name + "-" + ProcessHandle.current().pid());
        gateway = Gateway.start(db, settings.apply(ServerConfig.defaults().withPort(0)), TlsConfig.defaults().withDir(pki),
                NationalConfig.defaults().withPort(0).withMaxBodyBytes(MAX_BODY), clock);
        channel = Grpc.newChannelBuilder("localhost:" + gateway.port(), TlsChannelCredentials.newBuilder()
                .trustManager(pki.resolve("ca.crt").toFile()).build()).build();
    }

    /** A clearing node serving the insured {@code regions}, and a billing-system-like client of it by token. */
    His node(String code, Set<String> regions) throws Exception {
        gateway.identities().add(Caller.local("test"), new Principal(code, Role.CLEARING, null, regions, false));
        return new His(code, gateway.nationalPort(), pki, gateway.identities().issue(Caller.local("test"), code, false)
                .token(), false);
    }

    /** A token of {@code institution} (a principal of the development identities). */
    String token(String institution) {
        if (gateway.identities().principal(institution).isEmpty()) {
            gateway.identities().add(Caller.local("test"), new Principal(institution, Role.INSTITUTION, institution,
                    Set.of(), false));
        }
        return gateway.identities().issue(Caller.local("test"), institution, false).token();
    }

    His his(String institution) throws Exception {
        return new His(institution, gateway.nationalPort(), pki, token(institution), false);
    }

    /** The gRPC settlement API as {@code institution}, by token. */
    SettlementServiceGrpc.SettlementServiceBlockingStub grpc(String institution) {
        String token = token(institution);
        Metadata.Key<String> auth = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return SettlementServiceGrpc.newBlockingStub(channel).withCallCredentials(new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(auth, "Bearer " + token);
                applier.apply(m);
            }
        });
    }

    long balance(String personId) throws SQLException {
        return one("SELECT balance FROM accounts WHERE person_id = ?", personId);
    }

    long one(String sql, String... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
                c.rollback();
                return v;
            }
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        gateway.close();
        db.close();
    }
}
