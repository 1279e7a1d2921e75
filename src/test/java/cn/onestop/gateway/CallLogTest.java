package cn.onestop.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.PublishRuleVersionRequest;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log of a call: one line, carrying the request id the caller sent (or one made for it), the
 * same id back in the response headers and in the audit trail, the caller and the outcome — and
 * never a person's ID number.
 */
class CallLogTest {
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    /** An ID number (居民身份证号) of an enrolled person, and one of nobody. */
    static final String ID_NUMBER = "110105198807234512";
    static final String UNKNOWN_ID_NUMBER = "110105199001011234";
    static GatewayFixture f;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level rootLevel;

    @BeforeAll
    static void start() throws Exception {
        // no rule poll during the test: a version published is made live by the call itself
        f = new GatewayFixture("call_log", cfg -> cfg.withRulesPoll(Duration.ofHours(1)), true);
        f.person("L1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 500_000, null);
        try (Connection c = f.db.dataSource().getConnection(); var ps = c.prepareStatement(
                "INSERT INTO credentials (cert_type, cert_value, person_id) VALUES (2, ?, 'L1')")) {
            c.setAutoCommit(true); // the test's own statement
            ps.setString(1, ID_NUMBER);
            ps.executeUpdate();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @BeforeEach
    void capture() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO); // as in production: everything the gateway writes at INFO and above
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(log);
        root.setLevel(rootLevel);
    }

    @Test
    void aCallsLineCarriesTheRequestIdItSentWhichComesBackAndIsInTheAuditTrail() throws Exception {
        Sent<SettlementServiceGrpc.SettlementServiceBlockingStub> call = send(f.settlement, "ops-settle-0001");
        SettleRequest bill = GatewayFixture.p01("L1", "log-1").setCredential(idCard(ID_NUMBER)).build();
        long hifp = call.stub.settle(bill).getRecord().getSettlement().getAmounts().getHifpPay();
        assertTrue(hifp > 0);
        assertEquals("ops-settle-0001", call.headers.get().get(REQUEST_ID), "back in the response headers");
        assertEquals("ops-settle-0001", call.trailers.get().get(REQUEST_ID), "and trailers");

        ILoggingEvent line = callLine("ops-settle-0001");
        assertEquals("onestop.v1.SettlementService/Settle", line.getMDCPropertyMap().get("method"));
        assertEquals("OK", line.getMDCPropertyMap().get("code"));
        assertEquals(GatewayFixture.HOSPITAL_3A, line.getMDCPropertyMap().get("principal"));
        assertEquals("INSTITUTION", line.getMDCPropertyMap().get("role"));
        assertEquals(GatewayFixture.HOSPITAL_3A, line.getMDCPropertyMap().get("institution"));
        assertTrue(Long.parseLong(line.getMDCPropertyMap().get("duration_ms")) >= 0);
        assertTrue(line.getFormattedMessage().startsWith("Settle OK in "), line.getFormattedMessage());
        assertEquals(List.of("ops-settle-0001"), auditRequestIds("SETTLE"), "the same id in the trail");

        String text = encoded("logback.xml", line);
        assertTrue(text.contains(" [ops-settle-0001] - Settle OK in "), text);
        JsonNode json = new ObjectMapper().readTree(encoded("logback-json.xml", line));
        assertEquals("ops-settle-0001", json.at("/mdc/request_id").asText(), json.toString());
        assertEquals("INSTITUTION", json.at("/mdc/role").asText());
        assertEquals("INFO", json.get("level").asText());
        assertNoIdNumber();
    }

    @Test
    void aRefusalIsLoggedWithItsReasonAndAPersonReadIsAuditedUnderTheSameId() throws Exception {
        var auditor = SettlementServiceGrpc.newBlockingStub(f.channel).withCallCredentials(
                f.credentials(GatewayFixture.AUDITOR));
        send(auditor, "ops-person-0002").stub.getPerson(GetPersonRequest.newBuilder().setCredential(idCard(ID_NUMBER))
                .setYear(2025).build());
        assertEquals("OK", callLine("ops-person-0002").getMDCPropertyMap().get("code"));
        assertTrue(auditRequestIds("PERSON_READ").contains("ops-person-0002"));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> send(auditor, "ops-person-0003")
                .stub.getPerson(GetPersonRequest.newBuilder().setCredential(idCard(UNKNOWN_ID_NUMBER)).setYear(2025)
                        .build()));
        assertEquals("PERSON_NOT_FOUND", GatewayFixture.errorInfo(e).getReason());
        ILoggingEvent refused = callLine("ops-person-0003");
        assertEquals("NOT_FOUND", refused.getMDCPropertyMap().get("code"));
        assertEquals("PERSON_NOT_FOUND", refused.getMDCPropertyMap().get("reason"));
        assertEquals("auditor", refused.getMDCPropertyMap().get("principal"));
        assertTrue(refused.getFormattedMessage().startsWith("GetPerson NOT_FOUND PERSON_NOT_FOUND in "));
        assertNoIdNumber();
    }

    @Test
    void withoutAGoodRequestIdOneIsMadeAndReturned() {
        Sent<SettlementServiceGrpc.SettlementServiceBlockingStub> none = send(f.settlement, null);
        assertThrows(StatusRuntimeException.class, () -> none.stub.getPerson(GetPersonRequest.newBuilder()
                .setCredential(idCard(UNKNOWN_ID_NUMBER)).setYear(2025).build()));
        String made = none.trailers.get().get(REQUEST_ID);
        assertTrue(made.matches("[0-9a-f]{24}"), made);
        assertEquals("GetPerson", callLine(made).getMDCPropertyMap().get("method").replaceAll(".*/", ""));

        String hostile = "x".repeat(65);
        Sent<SettlementServiceGrpc.SettlementServiceBlockingStub> bad = send(f.settlement, hostile);
        assertThrows(StatusRuntimeException.class, () -> bad.stub.getPerson(GetPersonRequest.newBuilder()
                .setCredential(idCard(UNKNOWN_ID_NUMBER)).setYear(2025).build()));
        String replaced = bad.trailers.get().get(REQUEST_ID);
        assertNotEquals(hostile, replaced, "too long: replaced");
        assertTrue(replaced.matches("[0-9a-f]{24}"), replaced);
        assertFalse(events().stream().anyMatch(ev -> ev.getFormattedMessage().contains(hostile)
                || ev.getMDCPropertyMap().containsValue(hostile)));
    }

    @Test
    void whatTheWorkerLogsOnTheCallsBehalfCarriesItsRequestId() throws Exception {
        var admin = send(RuleAdminServiceGrpc.newBlockingStub(f.channel).withCallCredentials(
                f.credentials(GatewayFixture.ADMIN)), "ops-publish-0004");
        admin.stub.publishRuleVersion(PublishRuleVersionRequest.newBuilder()
                .setContent(RuleAdminServiceTest.version2026(1_000_000)).build());
        List<ILoggingEvent> onWorker = events().stream()
                .filter(ev -> ev.getThreadName().startsWith("onestop-worker") && !ev.getLoggerName().endsWith("CallLog"))
                .toList();
        assertFalse(onWorker.isEmpty(), "the rule cache says what it loaded, on the worker");
        for (ILoggingEvent ev : onWorker) {
            assertEquals("ops-publish-0004", ev.getMDCPropertyMap().get("request_id"), ev.getFormattedMessage());
            assertEquals("admin", ev.getMDCPropertyMap().get("principal"));
        }
        assertEquals("OK", callLine("ops-publish-0004").getMDCPropertyMap().get("code"));
    }

    /** A stub that sends {@code requestId} (null: none) and keeps the response headers and trailers. */
    record Sent<S extends AbstractStub<S>>(S stub, AtomicReference<Metadata> headers,
                                           AtomicReference<Metadata> trailers) {
    }

    static <S extends AbstractStub<S>> Sent<S> send(S stub, String requestId) {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        S s = stub.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
        if (requestId != null) {
            Metadata m = new Metadata();
            m.put(REQUEST_ID, requestId);
            s = s.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
        }
        return new Sent<>(s, headers, trailers);
    }

    static Credential idCard(String number) {
        return Credential.newBuilder().setType(CredentialType.ID_CARD).setValue(number).build();
    }

    /** What was logged so far (the appender adds under its own lock). */
    List<ILoggingEvent> events() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    /** The one call-log line of {@code requestId} (the line is written as the call closes). */
    ILoggingEvent callLine(String requestId) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<ILoggingEvent> lines = new ArrayList<>();
            for (ILoggingEvent ev : events()) {
                if (ev.getLoggerName().equals("cn.onestop.grpc.CallLog")
                        && requestId.equals(ev.getMDCPropertyMap().get("request_id"))) {
                    lines.add(ev);
                }
            }
            if (!lines.isEmpty() || System.nanoTime() > until) {
                assertEquals(1, lines.size(), "one line for the call " + requestId + ": " + lines);
                return lines.get(0);
            }
            Thread.onSpinWait();
        }
    }

    /** Nothing logged at INFO or above — message, MDC, stack trace — holds an ID number in full. */
    void assertNoIdNumber() {
        assertFalse(events().isEmpty());
        for (ILoggingEvent ev : events()) {
            String all = ev.getFormattedMessage() + " " + ev.getMDCPropertyMap()
                    + (ev.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(ev.getThrowableProxy()));
            assertFalse(all.contains(ID_NUMBER) || all.contains(UNKNOWN_ID_NUMBER), "an ID number in the log: " + all);
        }
    }

    List<String> auditRequestIds(String action) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = f.db.dataSource().getConnection(); var ps = c.prepareStatement(
                "SELECT request_id FROM audit_log WHERE action = ? ORDER BY entry_id")) {
            ps.setString(1, action);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            c.rollback();
        }
        return out;
    }

    /** {@code event} as the console appender of the gateway's configuration {@code resource} writes it. */
    @SuppressWarnings("unchecked")
    static String encoded(String resource, ILoggingEvent event) throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(ctx);
        c.doConfigure(CallLogTest.class.getClassLoader().getResource(resource));
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) ctx.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        Encoder<ILoggingEvent> encoder = console.getEncoder();
        try {
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            ctx.stop();
        }
    }
}
