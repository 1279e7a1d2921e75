package cn.onestop.gateway;

import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.EnrolmentAdminServiceGrpc;
import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.GetStatsRequest;
import cn.onestop.api.v1.ImportRequest;
import cn.onestop.api.v1.InstitutionMessage;
import cn.onestop.api.v1.ListSettlementsRequest;
import cn.onestop.api.v1.PublishRuleVersionRequest;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.kernel.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every crossing an outside probe found, tried again over real TLS with the development certificates
 * and tokens of a gateway started as the README starts it (samples, the development CA): each is
 * refused with a reason, and none writes anything.
 */
class SecurityTest {
    static final Path PKI = Path.of("target", "pki", "security-" + ProcessHandle.current().pid());
    static final String HOSPITAL = "H15010500001";
    static final String NEIGHBOUR = "H15010300001";
    static Database db;
    static Gateway gateway;
    static final List<ManagedChannel> channels = new ArrayList<>();
    static SettleResponse hospitalsOwn;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("security");
        gateway = Gateway.start(db, ServerConfig.defaults().withPort(0), TlsConfig.defaults().withDir(PKI),
                Clock.systemUTC());
        hospitalsOwn = as(HOSPITAL).settle(sample().build());
    }

    @AfterAll
    static void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        gateway.close();
        db.close();
    }

    static ManagedChannel channel(ChannelCredentials creds) {
        ManagedChannel ch = Grpc.newChannelBuilder("localhost:" + gateway.port(), creds).build();
        channels.add(ch);
        return ch;
    }

    /** Mutual TLS with {@code subject}'s development certificate. */
    static ManagedChannel mtls(String subject) throws Exception {
        return channel(TlsChannelCredentials.newBuilder().trustManager(PKI.resolve("ca.crt").toFile())
                .keyManager(PKI.resolve("clients/" + subject + ".crt").toFile(),
                        PKI.resolve("clients/" + subject + ".key").toFile()).build());
    }

    /** TLS without any client certificate. */
    static ManagedChannel anonymous() {
        try {
            return channel(TlsChannelCredentials.newBuilder().trustManager(PKI.resolve("ca.crt").toFile()).build());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SettlementServiceGrpc.SettlementServiceBlockingStub as(String subject) throws Exception {
        return SettlementServiceGrpc.newBlockingStub(mtls(subject)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    static SettleRequest.Builder sample() throws Exception {
        SettleRequest.Builder b = SettleRequest.newBuilder();
        JsonFormat.parser().merge(Files.readString(Path.of("config/samples/requests/inpatient-hohhot.json")), b);
        return b;
    }

    /** How many rows every table that a crossing could write has. */
    static Map<String, Long> rows() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (String t : List.of("settlements", "reversals", "idempotency_keys", "persons", "institutions",
                "rule_versions", "accounts", "account_journal", "accumulator_journal", "api_tokens")) {
            try (var c = db.dataSource().getConnection();
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + t)) {
                rs.next();
                out.put(t, rs.getLong(1));
                c.rollback();
            }
        }
        return out;
    }

    static void refused(Status.Code code, String reason, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(reason, GatewayFixture.errorInfo(e).getReason(), e.getStatus().toString());
    }

    @Test
    void everyCrossingIsRefusedAndNothingIsWritten() throws Exception {
        Map<String, Long> before = rows();
        String id = hospitalsOwn.getRecord().getSettlementId();
        var neighbour = as(NEIGHBOUR);
        // another hospital's settlement by id, by message id, by listing: unknown, or refused
        refused(Status.Code.NOT_FOUND, "SETTLEMENT_NOT_FOUND",
                () -> neighbour.getSettlement(GetSettlementRequest.newBuilder().setSettlementId(id).build()));
        refused(Status.Code.NOT_FOUND, "SETTLEMENT_NOT_FOUND", () -> neighbour.getSettlement(GetSettlementRequest
                .newBuilder().setByMessage(InstitutionMessage.newBuilder().setInstitutionCode(HOSPITAL)
                        .setMessageId(hospitalsOwn.getRecord().getMessageId())).build()));
        refused(Status.Code.PERMISSION_DENIED, "INSTITUTION_MISMATCH", () -> neighbour.listSettlements(
                ListSettlementsRequest.newBuilder().setInstitutionCode(HOSPITAL).setFromDate("2025-01-01")
                        .setToDate("2025-12-31").build()));
        // settling under another hospital's code; reversing its settlement by claiming its code
        refused(Status.Code.PERMISSION_DENIED, "INSTITUTION_MISMATCH",
                () -> neighbour.settle(sample().setMessageId("crossing-1").build()));
        refused(Status.Code.PERMISSION_DENIED, "INSTITUTION_MISMATCH", () -> neighbour.reverse(ReverseRequest
                .newBuilder().setInstitutionCode(HOSPITAL).setMessageId("crossing-2")
                .setOriginalMessageId(hospitalsOwn.getRecord().getMessageId()).build()));
        // a person's name, balance and accumulators by ID number, with no credentials at all
        GetPersonRequest person = GetPersonRequest.newBuilder().setCredential(Credential.newBuilder()
                .setType(CredentialType.ID_CARD).setValue("150102198204170317")).setYear(2025).build();
        refused(Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED",
                () -> SettlementServiceGrpc.newBlockingStub(anonymous()).getPerson(person));
        refused(Status.Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED",
                () -> SettlementServiceGrpc.newBlockingStub(mtls("clearing-node")).getPerson(person));
        // rule versions, imports and stats are the centre's
        var admin = RuleAdminServiceGrpc.newBlockingStub(mtls(HOSPITAL));
        refused(Status.Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED", () -> admin.publishRuleVersion(
                PublishRuleVersionRequest.newBuilder().setContent(pastVersion()).build()));
        refused(Status.Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED", () -> admin.getStats(GetStatsRequest
                .getDefaultInstance()));
        var enrol = EnrolmentAdminServiceGrpc.newBlockingStub(mtls(HOSPITAL));
        refused(Status.Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED", () -> enrol.importPersons(ImportRequest
                .newBuilder().setCsv(Files.readString(Path.of("config/samples/persons.csv"))).build()));
        refused(Status.Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED", () -> enrol.importInstitutions(ImportRequest
                .newBuilder().setCsv(Files.readString(Path.of("config/samples/institutions.csv"))).build()));
        refused(Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", () -> RuleAdminServiceGrpc.newBlockingStub(anonymous())
                .getStats(GetStatsRequest.getDefaultInstance()));
        // a forged bearer token, a malformed authorization header
        var forged = SettlementServiceGrpc.newBlockingStub(anonymous()).withCallCredentials(
                GatewayFixture.bearer("ost_0123456789abcdef_" + "A".repeat(43)));
        refused(Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", () -> forged.settle(sample().build()));
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> SettlementServiceGrpc
                .newBlockingStub(anonymous()).withCallCredentials(new io.grpc.CallCredentials() {
                    @Override
                    public void applyRequestMetadata(RequestInfo i, java.util.concurrent.Executor e, MetadataApplier a) {
                        io.grpc.Metadata m = new io.grpc.Metadata();
                        m.put(IdentityKeys.AUTHORIZATION, "Basic YWRtaW46YWRtaW4=");
                        a.apply(m);
                    }
                }).settle(sample().build()));
        assertEquals(Status.Code.UNAUTHENTICATED, malformed.getStatus().getCode());
        assertEquals(before, rows(), "no crossing wrote anything");
    }

    @Test
    void thePortSpeaksOnlyTls() {
        ManagedChannel plain = channel(InsecureChannelCredentials.create());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(plain)
                .withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void anAdministratorPublishingOverSettledDatesMustSayWhy() throws Exception {
        var admin = RuleAdminServiceGrpc.newBlockingStub(mtls("admin"));
        refused(Status.Code.FAILED_PRECONDITION, "RULE_VERSION_RETROACTIVE", () -> admin.publishRuleVersion(
                PublishRuleVersionRequest.newBuilder().setContent(pastVersion()).build()));
        var v = admin.publishRuleVersion(PublishRuleVersionRequest.newBuilder().setContent(pastVersion())
                .setForceReason("test: a correction the centre ordered").build());
        assertEquals("test: a correction the centre ordered", v.getForcedReason());
    }

    @Test
    void aRevokedTokenADisabledPrincipalAndARevokedCertificateStopWorking() throws Exception {
        String subject = "H15030300001";
        String token = gateway.identities().issue(Caller.local("test"), subject, false).token();
        var byToken = SettlementServiceGrpc.newBlockingStub(anonymous())
                .withCallCredentials(GatewayFixture.bearer(token));
        var probe = GetSettlementRequest.newBuilder().setSettlementId("S-none").build();
        refused(Status.Code.NOT_FOUND, "SETTLEMENT_NOT_FOUND", () -> byToken.getSettlement(probe));
        gateway.identities().revokeToken(Caller.local("test"), token.substring(4, 20));
        awaitRefused(() -> byToken.getSettlement(probe));

        var cert = as("H15010400001");
        refused(Status.Code.NOT_FOUND, "SETTLEMENT_NOT_FOUND", () -> cert.getSettlement(probe));
        String serial = cn.onestop.identity.DevPki.readCert(PKI.resolve("clients/H15010400001.crt"))
                .getSerialNumber().toString(16);
        gateway.identities().revokeCertificate(Caller.local("test"), serial, "H15010400001", "lost");
        awaitRefused(() -> cert.getSettlement(probe));

        var other = as("H15010200001");
        refused(Status.Code.NOT_FOUND, "SETTLEMENT_NOT_FOUND", () -> other.getSettlement(probe));
        gateway.identities().setDisabled(Caller.local("test"), "H15010200001", true);
        awaitRefused(() -> other.getSettlement(probe));
        gateway.authFailures().flush();
        try (var c = db.dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'AUTH_REFUSED'")) {
            rs.next();
            assertTrue(rs.getLong(1) >= 3, "every refused authentication is in the audit trail");
            c.rollback();
        }
    }

    /** Waits out the authenticator's recheck interval: the credential is refused within it. */
    private static void awaitRefused(Executable call) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            try {
                call.execute();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
                    return;
                }
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("still accepted after the recheck interval");
    }

    /** A version of the employee plan taking effect on a date that already has settlements. */
    static String pastVersion() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = (ObjectNode) json.readTree(Files.readAllBytes(Path.of(
                "config/rules/nm-region-employee-2023-01-01.json")));
        n.put("effective_from", "2025-03-01");
        n.put("effective_source", "a probe");
        return json.writeValueAsString(n);
    }
}
