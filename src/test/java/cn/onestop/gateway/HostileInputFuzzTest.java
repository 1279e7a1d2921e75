package cn.onestop.gateway;

import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.kernel.Canonical;
import cn.onestop.ledger.LedgerAudit;
import com.google.common.collect.HashMultiset;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded, reproducible fuzz of the settlement API as a real institution: at least 10,000 hostile
 * requests ({@link HostileRequests}) in process, a few hundred more over TLS. Afterwards: the server
 * is up (health, and a valid bill settles), no call was INTERNAL or UNKNOWN, every refusal carried an
 * ErrorInfo reason, and the ledger holds exactly what the accepted calls answered — no row of any
 * refused call — and passes its audit.
 *
 * <p>The seed is printed; run again with {@code -Donestop.fuzz.seed=<seed>} (and {@code
 * -Donestop.fuzz.requests=<n>}) to replay the same requests.
 */
class HostileInputFuzzTest {
    static final long SEED = Long.getLong("onestop.fuzz.seed", System.nanoTime());
    static final int REQUESTS = Integer.getInteger("onestop.fuzz.requests", 10_000);
    static final int OVER_TLS = Integer.getInteger("onestop.fuzz.tls-requests", 300);
    /** Statuses a hostile request may never see: each is the gateway failing, not refusing. */
    static final Set<Status.Code> NEVER = EnumSet.of(Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS, Status.Code.UNIMPLEMENTED, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.CANCELLED);

    @Test
    void tenThousandHostileRequestsInProcess() throws Exception {
        System.out.println("HostileInputFuzzTest: seed " + SEED + " (-Donestop.fuzz.seed=" + SEED + " replays it), "
                + REQUESTS + " requests in process");
        try (GatewayFixture f = new GatewayFixture("fuzz", cfg -> cfg, true)) {
            run(f, SEED, REQUESTS);
        }
    }

    @Test
    void aFewHundredMoreOverTls() throws Exception {
        long seed = SEED + 1;
        System.out.println("HostileInputFuzzTest: seed " + seed + " over TLS (from -Donestop.fuzz.seed=" + SEED + "), "
                + OVER_TLS + " requests");
        try (GatewayFixture f = new GatewayFixture("fuzz_tls")) {
            run(f, seed, OVER_TLS);
        }
    }

    private static void run(GatewayFixture f, long seed, int requests) throws Exception {
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = String.format("FZ%02d", i);
            persons.add(id);
            f.person(id, "NM-REGION-EMPLOYEE", i % 6 == 0 ? "RETIRED" : "ACTIVE", i % 5 == 0, 50_000L * (i % 7), null);
        }
        // another institution's settlement: never to be reversed or read by the caller
        SettleResponse other = f.as(GatewayFixture.HOSPITAL_L2).settle(p01("FZ00", "other-1")
                .setInstitutionCode(GatewayFixture.HOSPITAL_L2).build());
        Ledger before = Ledger.read(f);
        HostileRequests gen = new HostileRequests(seed, persons);
        gen.settlementIds.add(other.getRecord().getSettlementId());
        gen.messageIds.add("other-1");
        CallOptions options = CallOptions.DEFAULT.withCallCredentials(f.credentials(HostileRequests.SELF));

        Set<String> settled = new HashSet<>();
        Set<String> reversals = new HashSet<>();
        HashMultiset<String> reversedSettlements = HashMultiset.create();
        Set<String> acceptedMessages = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            HostileRequests.Probe p = gen.next();
            String method = p.method().getBareMethodName();
            try {
                byte[] answer = Hostile.call(f.channel, options, p.method(), p.frame());
                outcomes.merge(method + " OK", 1, Integer::sum);
                if (p.method() == SettlementServiceGrpc.getSettleMethod()) {
                    SettleResponse r = SettleResponse.parseFrom(answer);
                    String id = r.getRecord().getSettlementId();
                    check(failures, i, p, HostileRequests.SELF.equals(r.getRecord().getInstitutionCode()),
                            "settled under " + r.getRecord().getInstitutionCode());
                    check(failures, i, p, Canonical.messageId(r.getRecord().getMessageId()),
                            "settled under message id '" + r.getRecord().getMessageId() + "'");
                    check(failures, i, p, r.getRecord().getSettlement().getAmounts().getMedfeeSumamt() >= 0,
                            "a negative total");
                    acceptedMessages.add(r.getRecord().getMessageId());
                    // what was accepted was sent in the one written form: nothing was normalised
                    cn.onestop.api.v1.SettleRequest sent = cn.onestop.api.v1.SettleRequest.parseFrom(p.frame());
                    check(failures, i, p, sent.getSettleDate().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
                            "accepted settle_date '" + sent.getSettleDate() + "'");
                    check(failures, i, p, sent.getInstitutionCode().equals(r.getRecord().getInstitutionCode())
                            && sent.getMessageId().equals(r.getRecord().getMessageId()), "keys not as sent");
                    if (!r.getReplayed()) {
                        check(failures, i, p, settled.add(id), "settlement " + id + " answered twice as new");
                        gen.accepted.add(p.frame());
                        gen.settlementIds.add(id);
                        gen.messageIds.add(r.getRecord().getMessageId());
                    }
                } else if (p.method() == SettlementServiceGrpc.getReverseMethod()) {
                    ReverseResponse r = ReverseResponse.parseFrom(answer);
                    check(failures, i, p, HostileRequests.SELF.equals(r.getRecord().getInstitutionCode()),
                            "reversed a settlement of " + r.getRecord().getInstitutionCode());
                    acceptedMessages.add(cn.onestop.api.v1.ReverseRequest.parseFrom(p.frame()).getMessageId());
                    if (!r.getReplayed()) {
                        reversals.add(r.getReversalId());
                        reversedSettlements.add(r.getRecord().getSettlementId());
                    }
                }
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                String reason = reason(e);
                outcomes.merge(method + " " + code + " " + reason, 1, Integer::sum);
                check(failures, i, p, !NEVER.contains(code), code + ": " + e.getStatus().getDescription());
                check(failures, i, p, reason != null, "a refusal without ErrorInfo: " + e.getStatus());
                if (code == Status.Code.INVALID_ARGUMENT && "INVALID_ARGUMENT".equals(reason)) {
                    check(failures, i, p, !GatewayFixture.violatedFields(e).isEmpty(), "no field named: "
                            + e.getStatus());
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("HostileInputFuzzTest: seed " + seed + ", " + requests + " requests in " + ms + " ms: "
                + outcomes);
        assertTrue(failures.isEmpty(), "seed " + seed + " (-Donestop.fuzz.seed=...): " + failures.size()
                + " failures, the first: " + failures.subList(0, Math.min(20, failures.size())));

        // the ledger holds what the accepted calls answered, and nothing of the refused ones
        Ledger after = Ledger.read(f);
        assertEquals(settled, after.newSince(before, after.settlements), "seed " + seed + ": settlements");
        assertEquals(reversals, after.newSince(before, after.reversals), "seed " + seed + ": reversals");
        Set<String> newKeys = after.newSince(before, after.keys);
        assertTrue(acceptedMessages.containsAll(newKeys.stream().map(k -> k.substring(k.indexOf('/') + 1)).toList()),
                "seed " + seed + ": message keys of calls not accepted: " + newKeys);
        for (String k : newKeys) {
            assertTrue(k.startsWith(HostileRequests.SELF + "/"), "seed " + seed + ": a key of another institution " + k);
        }
        assertTrue(settled.size() + reversals.size() <= newKeys.size(), "seed " + seed + ": a key per move");
        HashMultiset<String> settleJournal = HashMultiset.create();
        HashMultiset<String> reverseJournal = HashMultiset.create();
        Set<String> accountJournal = new HashSet<>();
        try (Connection c = f.db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT kind, settlement_id FROM accumulator_journal "
                    + "WHERE entry_id > " + before.accumulatorJournal)) {
                while (rs.next()) {
                    (rs.getString(1).equals("SETTLE") ? settleJournal : reverseJournal).add(rs.getString(2));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT settlement_id FROM account_journal "
                    + "WHERE entry_id > " + before.accountJournal)) {
                while (rs.next()) {
                    accountJournal.add(rs.getString(1));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM accumulators a WHERE NOT EXISTS "
                    + "(SELECT 1 FROM accumulator_journal j WHERE j.person_id = a.person_id AND j.plan = a.plan "
                    + "AND j.year = a.year)")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "seed " + seed + ": accumulator rows no settlement moved");
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM settlement_funds f WHERE NOT "
                    + "EXISTS (SELECT 1 FROM settlements s WHERE s.settlement_id = f.settlement_id)")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "seed " + seed + ": fund rows of no settlement");
            }
        }
        assertEquals(HashMultiset.create(settled), settleJournal, "seed " + seed + ": one SETTLE journal row per settlement");
        assertEquals(reversedSettlements, reverseJournal, "seed " + seed + ": one REVERSE journal row per reversal");
        Set<String> moved = new HashSet<>(settled);
        moved.addAll(reversedSettlements.elementSet());
        assertTrue(moved.containsAll(accountJournal), "seed " + seed + ": account moves of no accepted call");
        LedgerAudit.Report audit = new LedgerAudit(f.db.dataSource(), f.gateway.rules().get()).run();
        assertTrue(audit.clean(), "seed " + seed + ": " + audit.discrepancies());

        // the server is still up and still settles
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                HealthGrpc.newBlockingStub(f.channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertFalse(f.settlement.settle(p01("FZ01", "after-fuzz").setSettleDate("2025-12-01").build()).getReplayed());
        assertTrue(settled.size() > requests / 50, "seed " + seed + ": some bills were accepted: " + settled.size());
    }

    private static void check(List<String> failures, int i, HostileRequests.Probe p, boolean ok, String what) {
        if (!ok && failures.size() < 1_000) {
            failures.add("#" + i + " " + p.method().getBareMethodName() + " (" + p.kind() + "): " + what);
        }
    }

    private static String reason(StatusRuntimeException e) {
        com.google.rpc.Status s = StatusProto.fromThrowable(e);
        if (s == null) {
            return null;
        }
        for (var any : s.getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = any.unpack(ErrorInfo.class);
                    return info.getDomain().equals("onestop") && !info.getReason().isEmpty() ? info.getReason() : null;
                } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The ledger's rows, by key, and where its journals end. */
    record Ledger(Set<String> settlements, Set<String> reversals, Set<String> keys, long accumulatorJournal,
                  long accountJournal) {
        static Ledger read(GatewayFixture f) throws SQLException {
            try (Connection c = f.db.dataSource().getConnection()) {
                c.setAutoCommit(true);
                return new Ledger(strings(c, "SELECT settlement_id FROM settlements"),
                        strings(c, "SELECT reversal_id FROM reversals"),
                        strings(c, "SELECT CONCAT(institution_code, '/', message_id) FROM idempotency_keys"),
                        number(c, "SELECT COALESCE(MAX(entry_id), 0) FROM accumulator_journal"),
                        number(c, "SELECT COALESCE(MAX(entry_id), 0) FROM account_journal"));
            }
        }

        Set<String> newSince(Ledger before, Set<String> now) {
            Set<String> was = now == settlements ? before.settlements : now == reversals ? before.reversals
                    : before.keys;
            Set<String> out = new HashSet<>(now);
            out.removeAll(was);
            return out;
        }

        private static Set<String> strings(Connection c, String sql) throws SQLException {
            Set<String> out = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }

        private static long number(Connection c, String sql) throws SQLException {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
