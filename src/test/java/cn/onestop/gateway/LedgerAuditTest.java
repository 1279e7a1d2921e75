package cn.onestop.gateway;

import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.settle.Batching;
import cn.onestop.ledger.LedgerAudit;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit recomputes the ledger from its journals and splits every settlement again, and notices
 * when a row was changed behind its back.
 */
class LedgerAuditTest {

    @Test
    void settlementsAndReversalsAuditCleanAndATamperedRowDoesNot() throws Exception {
        try (GatewayFixture f = new GatewayFixture("audit")) {
            f.person("A1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
            f.person("A2", "NM-REGION-EMPLOYEE", "RETIRED", true, 50_000, null);
            f.settlement.settle(p01("A1", "a-1").build());
            var second = f.settlement.settle(p01("A2", "a-2").build());
            f.settlement.settle(p01("A2", "a-3").setSettleDate("2025-05-01").build());
            f.settlement.reverse(ReverseRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A)
                    .setMessageId("r-2").setSettlementId(second.getRecord().getSettlementId()).build());

            LedgerAudit audit = new LedgerAudit(f.db.dataSource(), f.gateway.rules().get());
            LedgerAudit.Report clean = audit.run();
            assertTrue(clean.clean(), clean.discrepancies().toString());
            assertEquals(3, clean.settlements());
            assertEquals(2, clean.accounts());

            try (Connection c = f.db.dataSource().getConnection()) {
                c.setAutoCommit(true); // the test's own statements, each committed
                c.createStatement().executeUpdate("UPDATE accumulators SET pool_paid = pool_paid + 1 WHERE person_id = 'A1'");
                c.createStatement().executeUpdate("UPDATE accounts SET balance = balance + 100 WHERE person_id = 'A2'");
                c.createStatement().executeUpdate("UPDATE settlements SET engine_input = REPLACE(engine_input, "
                        + "'\"use_account\":true', '\"use_account\":false') WHERE message_id = 'a-1'");
            }
            LedgerAudit.Report tampered = audit.run();
            List<String> found = tampered.discrepancies();
            assertEquals(3, found.size(), found.toString());
            assertTrue(found.get(0).contains("A1") && found.get(0).contains("pool_paid"), found.get(0));
            assertTrue(found.get(1).contains("account A2"), found.get(1));
            assertTrue(found.get(2).contains("splits again to"), found.get(2));
        }
    }

    @Test
    void theAuditTrailIsChainedAndAnEditedOrDeletedRowIsReported() throws Exception {
        // one worker and one batch writer: every settlement appends to the writer's chain, the person read
        // to the worker's, so where a deletion falls is known
        try (GatewayFixture f = new GatewayFixture("audit_trail", cfg -> cfg.withThreads(1)
                .withBatching(new Batching(1, 64, Duration.ZERO, 64)), true)) {
            f.person("T1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
            for (int i = 0; i < 6; i++) {
                f.settlement.settle(p01("T1", "t-" + i).setSettleDate("2025-03-1" + i).build());
            }
            f.person("T1", 2025); // a person read, audited too
            LedgerAudit audit = new LedgerAudit(f.db.dataSource(), f.gateway.rules().get());
            LedgerAudit.Report clean = audit.run();
            assertTrue(clean.clean(), clean.discrepancies().toString());
            long settles = count(f, "action = 'SETTLE' AND actor = 'H15010500001' AND role = 'INSTITUTION' "
                    + "AND outcome = 'OK' AND request_id <> ''");
            assertEquals(6, settles, "who, in which role, with what outcome, under which request id");
            assertEquals(1, count(f, "action = 'PERSON_READ' AND actor = 'auditor'"));
            assertTrue(clean.auditRows() >= 7);

            try (Connection c = f.db.dataSource().getConnection()) {
                c.setAutoCommit(true); // the test's own statements, each committed
                c.createStatement().executeUpdate("UPDATE audit_log SET detail = REPLACE(detail, 'medfee', 'MEDFEE') "
                        + "WHERE action = 'SETTLE' AND subject = (SELECT settlement_id FROM settlements "
                        + "WHERE message_id = 't-2')");
                c.createStatement().executeUpdate("DELETE FROM audit_log WHERE action = 'SETTLE' AND subject = "
                        + "(SELECT settlement_id FROM settlements WHERE message_id = 't-4')");
                c.createStatement().executeUpdate("DELETE FROM audit_log WHERE action = 'PERSON_READ'"); // the last
            }
            List<String> found = audit.run().discrepancies();
            assertEquals(3, found.size(), found.toString());
            assertTrue(found.get(0).contains("does not match its hash") && found.get(0).contains("SETTLE"),
                    found.toString());
            assertTrue(found.get(1).contains("missing before row"), found.toString());
            assertTrue(found.get(2).contains("rows are missing"), found.toString()); // the person read's chain
        }
    }

    private static long count(GatewayFixture f, String where) throws Exception {
        return f.count("audit_log WHERE " + where);
    }
}
