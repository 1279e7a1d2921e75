package cn.onestop.settle;

import cn.onestop.db.TestRows;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static cn.onestop.settle.UseCaseFixture.AS_AUDITOR;
import static cn.onestop.settle.UseCaseFixture.AS_HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.p01;
import static cn.onestop.settle.UseCaseFixture.voucher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settlements that arrive together share commits; each is still answered as if it were alone. */
class BatchingTest {
    static UseCaseFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new UseCaseFixture("batching");
        for (int i = 0; i < 60; i++) {
            f.person("B" + i, 300_000);
        }
        try (Connection c = f.db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.enrol(c, "RES", "CHIFENG-RESIDENT", "RESIDENT", false, 0, "2025-06-01");
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(20));
    }

    static List<Result<Settled>> all(List<CompletableFuture<Result<Settled>>> fs) throws Exception {
        List<Result<Settled>> out = new ArrayList<>();
        for (CompletableFuture<Result<Settled>> x : fs) {
            out.add(x.get(30, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void settlementsArrivingTogetherShareCommitsAndARefusalAmongThemRefusesOnlyItself() throws Exception {
        BatchStats before = f.useCases.batchStats();
        List<CompletableFuture<Result<Settled>>> fs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fs.add(f.useCases.settle().settleAsync(AS_HOSPITAL, p01("B" + i, "b-" + i), soon()));
            if (i == 20) { // a resident before benefits start (NOT_ELIGIBLE), in the midst of them
                fs.add(f.useCases.settle().settleAsync(AS_HOSPITAL, new SettleCommand(UseCaseFixture.HOSPITAL,
                        "b-res", voucher("RES"), null, LocalDate.of(2025, 3, 10), p01("RES", "x").visit(),
                        UseCaseFixture.p01Lines(), null, null), soon()));
            }
        }
        List<Result<Settled>> answers = all(fs);
        int settled = 0;
        for (int i = 0; i < answers.size(); i++) {
            Result<Settled> r = answers.get(i);
            if (i == 21) {
                assertEquals(Reason.NOT_ELIGIBLE, ((Result.Failed<Settled>) r).failure().reason());
            } else {
                assertEquals(1_616_700, r.value().record().bill().split().amounts().hifpPay());
                assertFalse(r.value().replayed());
                settled++;
            }
        }
        assertEquals(40, settled);
        BatchStats after = f.useCases.batchStats();
        long batches = after.batches() - before.batches();
        assertTrue(batches < 41, "41 settlements in " + batches + " commits");
        assertEquals(40, f.count("SELECT COUNT(*) FROM settlements WHERE message_id LIKE 'b-%'"));
        assertEquals(0, f.count("SELECT COUNT(*) FROM settlements WHERE message_id = 'b-res'"));
    }

    @Test
    void aPersonsSettlementsNeverShareABatchAndEachSeesTheOneBefore() throws Exception {
        List<CompletableFuture<Result<Settled>>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(f.useCases.settle().settleAsync(AS_HOSPITAL, new SettleCommand(UseCaseFixture.HOSPITAL,
                    "same-" + i, voucher("B50"), null, LocalDate.of(2025, 4, 1 + i), p01("B50", "x").visit(),
                    UseCaseFixture.p01Lines(), null, null), soon()));
        }
        all(fs).forEach(r -> assertTrue(r.isOk(), r.toString()));
        PersonView p = f.useCases.persons().person(AS_AUDITOR, voucher("B50"), 2025, soon()).value();
        assertEquals(6, p.ytd().get(Accumulator.ADMISSIONS), "every stay counted, none lost");
        assertEquals(0, p.accountBalance(), "the account paid once, to its last fen");
    }

    @Test
    void theSameRequestTwiceAtOnceSettlesOnceAndTheOtherReplays() throws Exception {
        List<CompletableFuture<Result<Settled>>> fs = List.of(
                f.useCases.settle().settleAsync(AS_HOSPITAL, p01("B55", "twice"), soon()),
                f.useCases.settle().settleAsync(AS_HOSPITAL, p01("B55", "twice"), soon()),
                f.useCases.settle().settleAsync(AS_HOSPITAL, p01("B55", "twice"), soon()));
        List<Result<Settled>> r = all(fs);
        assertEquals(1, r.stream().filter(x -> !x.value().replayed()).count());
        assertEquals(1, r.stream().map(x -> x.value().record().settlementId()).distinct().count());
        assertEquals(1, f.count("SELECT COUNT(*) FROM settlements WHERE message_id = 'twice'"));
    }

    @Test
    void whatACallerDoesWithItsAnswerNeverRunsOnALane() throws Exception {
        List<CompletableFuture<String>> where = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            where.add(f.useCases.settle().settleAsync(AS_HOSPITAL, p01("B" + (41 + i), "lane-" + i), soon())
                    .thenApply(r -> {
                        assertTrue(r.isOk(), r.toString());
                        return Thread.currentThread().getName();
                    }));
        }
        for (CompletableFuture<String> w : where) {
            String thread = w.get(30, TimeUnit.SECONDS);
            assertFalse(thread.startsWith("settle-lane-"), "an answer was handled on " + thread);
        }
    }
}
