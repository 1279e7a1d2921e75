package cn.onestop.gateway;

import cn.onestop.api.v1.Category;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.json.RequestJson;
import cn.onestop.json.SettlementJson;
import cn.onestop.request.Accumulator;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.parse.RuleFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 32 terminals settle for one person at once, each request sent twice at the same time: every
 * settlement happens exactly once, each one saw the state the previous one left (no lost update),
 * the pool and large-amount caps are met to the fen and never passed, the account never goes
 * below zero, and the accumulator row equals the sum of its journal.
 */
class ConcurrentSettlementTest {
    static final Caller AUDITOR = new Caller("auditor", Role.AUDITOR, null, java.util.Set.of(), "t");
    static final int CLIENTS = 32;
    static final int BILLS_PER_CLIENT = 6;
    static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture("concurrent");
        f.person("HOT", "NM-REGION-EMPLOYEE", "RETIRED", true, 1_000_000, null);
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO accumulators (person_id, plan, year, pool_paid, "
                     + "large_paid, inpatient_inscp) VALUES ('HOT', 'NM-REGION-EMPLOYEE', 2025, 19000000, 9000000, "
                     + "25000000)")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            ps.executeUpdate();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static SettleRequest bill(int client, int n) {
        return SettleRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A)
                .setMessageId("c" + client + "-" + n).setCredential(GatewayFixture.voucher("HOT"))
                .setSettleDate("2025-08-" + String.format("%02d", 1 + (client % 28)))
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true))
                .addLines(GatewayFixture.line("a", Category.A, 150_000 + 1_000L * client + n, 1))
                .addLines(GatewayFixture.line("b", Category.B, 40_000 + 7L * n, 1))
                .build();
    }

    @Test
    void oneHotPersonSettledFromManyTerminalsAddsUpToTheFen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS * 2);
        CyclicBarrier go = new CyclicBarrier(CLIENTS * 2);
        Map<String, String> idByMessage = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            for (int copy = 0; copy < 2; copy++) {
                int cl = client;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int n = 0; n < BILLS_PER_CLIENT; n++) {
                        SettleResponse r = f.settlement.withDeadlineAfter(60, TimeUnit.SECONDS).settle(bill(cl, n));
                        String previous = idByMessage.putIfAbsent(r.getRecord().getMessageId(),
                                r.getRecord().getSettlementId());
                        if (previous != null) {
                            assertEquals(previous, r.getRecord().getSettlementId(), "a retry got another settlement");
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> fu : futures) {
            fu.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        int total = CLIENTS * BILLS_PER_CLIENT;
        assertEquals(total, idByMessage.size());
        assertEquals(total, f.count("settlements"));

        // replay in the order the person's lock was taken (ids are ordered): each settlement saw
        // exactly the state the one before it left, and splits the same again from that state
        var book = RuleFiles.loadBundled();
        Map<Accumulator, Long> state = new EnumMap<>(Accumulator.class);
        state.put(Accumulator.POOL_PAID, 19_000_000L);
        state.put(Accumulator.LARGE_PAID, 9_000_000L);
        state.put(Accumulator.INPATIENT_INSCP, 25_000_000L);
        long balance = 1_000_000;
        long ownDebits = 0;
        try (Connection c = f.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT engine_input, settlement_id, own_account_debit FROM settlements ORDER BY settlement_id")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            while (rs.next()) {
                SettlementRequest input = RequestJson.parse(SettlementJson.mapper().readTree(rs.getString(1)));
                for (Accumulator a : Accumulator.values()) {
                    assertEquals(state.getOrDefault(a, 0L), input.ytd().get(a), a.key() + " seen by a settlement");
                }
                assertEquals(balance, input.person().accountBalance());
                var stored = f.gateway.useCases().reads().find(AUDITOR, rs.getString(2)).orElseThrow().bill().split();
                var again = ((Outcome.Settled) SplitEngine.split(input, book)).settlement();
                assertEquals(again, stored, "stored exactly as split");
                stored.delta().nonZero().forEach((k, v) -> state.merge(k, v, Long::sum));
                balance -= rs.getLong(3);
                ownDebits += rs.getLong(3);
                assertTrue(balance >= 0);
            }
        }
        assertEquals(20_500_000, state.get(Accumulator.POOL_PAID), "the pool cap is met exactly");
        assertEquals(10_000_000, state.get(Accumulator.LARGE_PAID), "the large-amount cap is met exactly");
        assertEquals(1_000_000, ownDebits, "the account was used to the last fen");

        PersonInfo p = f.person("HOT", 2025);
        for (Accumulator a : Accumulator.values()) {
            assertEquals(state.getOrDefault(a, 0L), p.getAccumulatorsOrThrow(a.key()), a.key());
        }
        assertEquals(balance, p.getAccountBalance());
        assertEquals(total, p.getAccumulatorsOrThrow("admissions"));

        // the row is the sum of its journal (opening row written directly above, so add it)
        try (Connection c = f.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT SUM(pool_paid), SUM(large_paid), "
                     + "SUM(admissions) FROM accumulator_journal WHERE person_id = 'HOT'")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            rs.next();
            assertEquals(1_500_000, rs.getLong(1));
            assertEquals(1_000_000, rs.getLong(2));
            assertEquals(total, rs.getLong(3));
        }
        try (Connection c = f.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT SUM(amount), MIN(balance_after) FROM account_journal WHERE person_id = 'HOT'")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            rs.next();
            assertEquals(0, rs.getLong(1), "the opening 1,000,000 less every debit");
            assertEquals(0, rs.getLong(2));
        }
    }
}
