package cn.onestop.gateway;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import io.grpc.ManagedChannel;
import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * A real gateway on a fresh database of the shared test MariaDB, with a channel to it over TCP,
 * and a few enrolled persons and institutions written directly.
 */
final class GatewayFixture implements AutoCloseable {
    static final String HOSPITAL_3A = "H15010500001";
    static final String HOSPITAL_L2 = "H15010500002";
    static final String WUHAI_L3 = "H15030300001";
    static final String PHARMACY = "P15010500001";

    static final String ADMIN = "admin";
    static final String AUDITOR = "auditor";

    final Database db;
    final Gateway gateway;
    final ManagedChannel channel;
    /** Where the development CA of a gateway on Netty lives (TLS); null in process. */
    final Path pki;
    private final Map<String, String> tokens = new HashMap<>();
    /** The settlement API as the grade-3A hospital. */
    final SettlementServiceGrpc.SettlementServiceBlockingStub settlement;
    /** The administrators' API as the centre's administrator. */
    final RuleAdminServiceGrpc.RuleAdminServiceBlockingStub admin;

    GatewayFixture(String name) throws Exception {
        this(name, cfg -> cfg, false);
    }

    /**
     * @param settings changes to the test defaults (any port, no samples, a fast rules poll)
     * @param inProcess serve in this JVM without a socket (grpc-inprocess) rather than on Netty over TCP
     */
    GatewayFixture(String name, UnaryOperator<ServerConfig> settings, boolean inProcess) throws Exception {
        db = TestDatabase.fresh(name);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            institution(c, HOSPITAL_3A, 3, "A", "HOSPITAL", false, false, true);
            institution(c, HOSPITAL_L2, 2, "A", "HOSPITAL", false, false, true);
            institution(c, WUHAI_L3, 3, "A", "HOSPITAL", false, false, true);
            institution(c, PHARMACY, 0, "NONE", "PHARMACY", false, false, false);
        }
        ServerConfig cfg = settings.apply(ServerConfig.defaults().withPort(0).withSamples(false)
                .withRulesPoll(Duration.ofMillis(200)));
        if (inProcess) {
            String server = "gateway-" + name + "-" + System.nanoTime();
            gateway = Gateway.start(db, cfg, Clock.systemUTC(), InProcessServerBuilder.forName(server));
            channel = InProcessChannelBuilder.forName(server).build();
            pki = null;
        } else {
            // real TLS, the development CA made for this gateway alone
            pki = Path.of("target", "pki", name + "-" + ProcessHandle.current().pid());
            gateway = Gateway.start(db, cfg, TlsConfig.defaults().withDir(pki), Clock.systemUTC());
            channel = tls(pki, gateway.port());
        }
        for (String code : List.of(HOSPITAL_3A, HOSPITAL_L2, WUHAI_L3, PHARMACY)) {
            principal(new Principal(code, Role.INSTITUTION, code, Set.of(), false));
        }
        principal(new Principal(ADMIN, Role.CENTRE_ADMIN, null, Set.of(), false));
        principal(new Principal(AUDITOR, Role.AUDITOR, null, Set.of(), false));
        settlement = as(HOSPITAL_3A);
        admin = RuleAdminServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials(ADMIN));
    }

    /** Makes (or finds) a principal and a bearer token for it. */
    void principal(Principal p) {
        if (gateway.identities().principal(p.subject()).isEmpty()) {
            gateway.identities().add(Caller.local("test"), p);
        }
        tokens.computeIfAbsent(p.subject(), s -> gateway.identities().issue(Caller.local("test"), s, false).token());
    }

    /** The token of a principal made by {@link #principal}. */
    String token(String subject) {
        return tokens.get(subject);
    }

    /** Call credentials presenting the token of {@code subject}. */
    CallCredentials credentials(String subject) {
        return bearer(Objects.requireNonNull(tokens.get(subject), subject));
    }

    /** Call credentials presenting {@code token}. */
    static CallCredentials bearer(String token) {
        Metadata.Key<String> auth = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(auth, "Bearer " + token);
                applier.apply(m);
            }
        };
    }

    /** A principal of {@code g} (made if missing) with a new token, for a gateway started by a test itself. */
    static String tokenOf(Gateway g, Principal p) {
        if (g.identities().principal(p.subject()).isEmpty()) {
            g.identities().add(Caller.local("test"), p);
        }
        return g.identities().issue(Caller.local("test"), p.subject(), false).token();
    }

    /** A TLS channel to a gateway on Netty whose development CA is in {@code pki}. */
    static ManagedChannel tls(Path pki, int port) throws java.io.IOException {
        return Grpc.newChannelBuilder("localhost:" + port, TlsChannelCredentials.newBuilder()
                .trustManager(pki.resolve("ca.crt").toFile()).build()).build();
    }

    /** The settlement API as {@code subject}. */
    SettlementServiceGrpc.SettlementServiceBlockingStub as(String subject) {
        return SettlementServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials(subject));
    }

    static void institution(Connection c, String code, int level, String grade, String kind, boolean tcm,
                            boolean dual, boolean pooling) throws SQLException {
        TestRows.institution(c, code, level, grade, kind, tcm, dual, pooling);
    }

    /** Enrols a person with an e-voucher credential {@code EV-<id>} and an account. */
    void person(String id, String plan, String status, boolean civilServant, long balance, String benefitStart)
            throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            enrol(c, id, plan, status, civilServant, balance, benefitStart);
        }
    }

    static void enrol(Connection c, String id, String plan, String status, boolean civilServant, long balance,
                      String benefitStart) throws SQLException {
        TestRows.enrol(c, id, plan, status, civilServant, balance, benefitStart);
    }

    static Credential voucher(String personId) {
        return Credential.newBuilder().setType(CredentialType.E_VOUCHER).setValue("EV-" + personId).build();
    }

    static BillLine line(String id, Category category, long unitPrice, long qty) {
        return BillLine.newBuilder().setId(id).setCategory(category).setUnitPrice(unitPrice).setQty(qty).build();
    }

    /** The P01 vector's bill as a request. */
    static SettleRequest.Builder p01(String personId, String messageId) {
        return SettleRequest.newBuilder().setInstitutionCode(HOSPITAL_3A).setMessageId(messageId)
                .setCredential(voucher(personId)).setSettleDate("2025-03-10")
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true))
                .addLines(line("drugA", Category.A, 1_250_000, 1))
                .addLines(line("drugB", Category.B, 480_000, 1))
                .addLines(line("bed", Category.BED, 6_000, 10))
                .addLines(BillLine.newBuilder().setId("stent").setCategory(Category.CONSUMABLE).setUnitPrice(300_000)
                        .setQty(1).setSelfRatioBp(2000))
                .addLines(line("vitamins", Category.SELF, 35_000, 1));
    }

    PersonInfo person(String personId, int year) {
        return as(AUDITOR).getPerson(GetPersonRequest.newBuilder().setCredential(voucher(personId)).setYear(year).build());
    }

    long count(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            c.setAutoCommit(true); // the test's own statements, each committed
            rs.next();
            return rs.getLong(1);
        }
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) {
        var s = StatusProto.fromThrowable(e);
        for (var any : s.getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                try {
                    return any.unpack(ErrorInfo.class);
                } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                    throw new AssertionError(x);
                }
            }
        }
        throw new AssertionError("no ErrorInfo in " + e);
    }

    static List<String> violatedFields(StatusRuntimeException e) {
        List<String> out = new ArrayList<>();
        for (var any : StatusProto.fromThrowable(e).getDetailsList()) {
            if (any.is(BadRequest.class)) {
                try {
                    any.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> out.add(v.getField()));
                } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                    throw new AssertionError(x);
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow();
        gateway.close();
        db.close();
    }
}
