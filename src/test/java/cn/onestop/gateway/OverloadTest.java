package cn.onestop.gateway;

import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.settle.Batching;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overload: the queue of settlements waiting for a batch writer is bounded ({@code batch.queue}, as
 * the worker queue is by {@code server.queue}); a settlement that finds every writer busy and the
 * queue full is answered RESOURCE_EXHAUSTED at once and writes nothing, and the calls that were
 * admitted all complete.
 */
class OverloadTest {

    @Test
    void aCallBeyondAFullQueueIsResourceExhaustedAtOnceAndWritesNothing() throws Exception {
        try (GatewayFixture f = new GatewayFixture("overload", cfg -> cfg.withThreads(1).withQueue(2)
                .withBatching(new Batching(1, 1, Duration.ZERO, 2)), true);
             Connection holder = f.db.dataSource().getConnection()) {
            f.person("Q1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
            f.person("Q2", "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
            // Q1's year row is locked here: the one batch writer's settlement waits for it
            holder.createStatement().executeUpdate("INSERT INTO accumulators (person_id, plan, year) "
                    + "VALUES ('Q1', 'NM-REGION-EMPLOYEE', 2025)");
            var stub = SettlementServiceGrpc.newFutureStub(f.channel).withCallCredentials(
                    f.credentials(GatewayFixture.HOSPITAL_3A));
            List<ListenableFuture<SettleResponse>> admitted = new ArrayList<>();
            admitted.add(stub.withDeadlineAfter(60, TimeUnit.SECONDS).settle(p01("Q1", "ov-busy").build()));
            awaitLockWait(f);
            // two more fill the queue (their turn comes after the busy one)
            admitted.add(stub.withDeadlineAfter(60, TimeUnit.SECONDS).settle(p01("Q1", "ov-queued-1").build()));
            admitted.add(stub.withDeadlineAfter(60, TimeUnit.SECONDS).settle(p01("Q1", "ov-queued-2").build()));
            Thread.sleep(200);
            long t0 = System.nanoTime();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement
                    .withDeadlineAfter(30, TimeUnit.SECONDS).settle(p01("Q2", "ov-refused").build()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
            assertEquals("OVERLOADED", GatewayFixture.errorInfo(e).getReason());
            assertTrue(ms < 2_000, "answered at once, not after a wait: " + ms + " ms");
            for (ListenableFuture<SettleResponse> a : admitted) {
                assertFalse(a.isDone(), "the admitted calls still wait for the lock");
            }
            holder.rollback(); // the writer goes on: the busy call, then the two queued ones
            for (ListenableFuture<SettleResponse> a : admitted) {
                assertEquals("Q1", a.get(60, TimeUnit.SECONDS).getRecord().getPersonId());
            }
            assertEquals(3, f.count("settlements"));
            assertEquals(0, f.count("settlements WHERE message_id = 'ov-refused'"));
            assertEquals(0, f.count("idempotency_keys WHERE message_id = 'ov-refused'"));
            assertEquals(0, f.count("accumulators WHERE person_id = 'Q2'"));
            assertEquals(0, f.count("account_journal WHERE person_id = 'Q2' AND kind <> 'OPENING'"));
            // once the queue drains, the refused bill settles when sent again
            assertFalse(f.settlement.settle(p01("Q2", "ov-refused").build()).getReplayed());
        }
    }

    /** Waits until a settlement is blocked on a year row's lock (the worker is busy). */
    static void awaitLockWait(GatewayFixture f) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (f.count("information_schema.processlist WHERE info LIKE '%FROM accumulators%FOR UPDATE' "
                    + "AND time >= 0") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first settlement never waited for the lock");
    }
}
