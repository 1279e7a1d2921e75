package cn.onestop.settle;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static cn.onestop.settle.UseCaseFixture.AS_AUDITOR;
import static cn.onestop.settle.UseCaseFixture.AS_HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.AS_OTHER_HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.p01;
import static cn.onestop.settle.UseCaseFixture.voucher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reverse (撤销 / 冲正) and the reads, as use cases on the real ledger. */
class ReverseTest {
    static UseCaseFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new UseCaseFixture("reverse_use_case");
        for (String id : List.of("R1", "R2", "R3", "R4")) {
            f.person(id, 300_000);
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    @Test
    void aReversalUndoesTheSettlementExactlyAndASecondOneChangesNothing() {
        SettlementRecord s = f.useCases.settle().settle(AS_HOSPITAL, p01("R1", "r1-1"), soon()).value().record();
        Reversed r = f.useCases.reverse().reverse(AS_HOSPITAL, new ReverseCommand(UseCaseFixture.HOSPITAL, "r1-rev",
                s.settlementId(), null, "patient left", null), soon()).value();
        assertFalse(r.replayed());
        assertEquals(SettlementStatus.REVERSED, r.record().status());
        assertEquals(300_000, r.accountCredit());
        assertEquals(-1_616_700, r.delta().get(Accumulator.POOL_PAID));
        PersonView p = f.useCases.persons().person(AS_AUDITOR, voucher("R1"), 2025, soon()).value();
        assertEquals(Accumulators.ZERO, p.ytd(), "every accumulator back where it was");
        assertEquals(300_000, p.accountBalance());

        // 冲正 by the original message id, under another message id: nothing moves again
        Reversed again = f.useCases.reverse().reverse(AS_HOSPITAL, new ReverseCommand(UseCaseFixture.HOSPITAL, "r1-rev-2",
                null, "r1-1", "", null), soon()).value();
        assertTrue(again.replayed());
        assertEquals(r.reversalId(), again.reversalId());
        assertEquals(300_000, f.useCases.persons().person(AS_AUDITOR, voucher("R1"), 2025, soon()).value().accountBalance());
        // and the first reversal's retry answers the same
        assertEquals(r.reversalId(), f.useCases.reverse().reverse(AS_HOSPITAL, new ReverseCommand(UseCaseFixture.HOSPITAL,
                "r1-rev", s.settlementId(), null, "patient left", null), soon()).value().reversalId());
    }

    @Test
    void anotherInstitutionsSettlementIsNotFoundAndNothingMoves() throws Exception {
        SettlementRecord s = f.useCases.settle().settle(AS_HOSPITAL, p01("R2", "r2-1"), soon()).value().record();
        Result<Reversed> r = f.useCases.reverse().reverse(AS_OTHER_HOSPITAL, new ReverseCommand(UseCaseFixture.OTHER_HOSPITAL, "x",
                s.settlementId(), null, "", null), soon());
        assertEquals(Reason.SETTLEMENT_NOT_FOUND, ((Result.Failed<Reversed>) r).failure().reason());
        assertEquals(SettlementStatus.SETTLED, f.useCases.reads().find(AS_HOSPITAL, s.settlementId()).orElseThrow().status());
        assertEquals(0, f.count("SELECT COUNT(*) FROM reversals"));
    }

    @Test
    void anotherInstitutionsSettlementReadsAsUnknownAnAuditorSeesItAndListingOthersIsRefused() {
        SettlementRecord s = f.useCases.settle().settle(AS_HOSPITAL, p01("R4", "r4-1"), soon()).value().record();
        assertEquals(Optional.empty(), f.useCases.reads().find(AS_OTHER_HOSPITAL, s.settlementId()));
        assertEquals(Optional.empty(), f.useCases.reads().findByMessage(AS_OTHER_HOSPITAL, UseCaseFixture.HOSPITAL,
                "r4-1"));
        assertEquals(s, f.useCases.reads().find(AS_AUDITOR, s.settlementId()).orElseThrow());
        Result<SettlementPage> listed = f.useCases.reads().list(AS_OTHER_HOSPITAL, UseCaseFixture.HOSPITAL,
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), 10, Optional.empty());
        assertEquals(Reason.INSTITUTION_MISMATCH, ((Result.Failed<SettlementPage>) listed).failure().reason());
        assertTrue(f.useCases.reads().list(AS_AUDITOR, UseCaseFixture.HOSPITAL, LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), 10, Optional.empty()).isOk());
        Result<Reversed> r = f.useCases.reverse().reverse(AS_AUDITOR, new ReverseCommand(UseCaseFixture.HOSPITAL,
                "r4-rev", s.settlementId(), null, "", null), soon());
        assertEquals(Reason.ROLE_NOT_PERMITTED, ((Result.Failed<Reversed>) r).failure().reason());
    }

    @Test
    void settlementsAreReadByIdByMessageAndInPagesNewestFirst() {
        SettlementRecord a = f.useCases.settle().settle(AS_HOSPITAL, p01("R3", "r3-1"), soon()).value().record();
        SettleCommand later = new SettleCommand(UseCaseFixture.HOSPITAL, "r3-2", voucher("R3"), null,
                LocalDate.of(2025, 4, 1), p01("R3", "x").visit(), UseCaseFixture.p01Lines(), null, null);
        SettlementRecord b = f.useCases.settle().settle(AS_HOSPITAL, later, soon()).value().record();
        assertEquals(a, f.useCases.reads().find(AS_HOSPITAL, a.settlementId()).orElseThrow());
        assertEquals(b, f.useCases.reads().findByMessage(AS_HOSPITAL, UseCaseFixture.HOSPITAL, "r3-2").orElseThrow());
        assertEquals(Optional.empty(), f.useCases.reads().findByMessage(AS_OTHER_HOSPITAL, UseCaseFixture.OTHER_HOSPITAL, "r3-2"));

        SettlementPage first = f.useCases.reads().list(AS_HOSPITAL, UseCaseFixture.HOSPITAL, LocalDate.of(2025, 3, 10),
                LocalDate.of(2025, 4, 1), 1, Optional.empty()).value();
        assertEquals(List.of(b.settlementId()), first.records().stream().map(SettlementRecord::settlementId).toList());
        assertTrue(first.next().isPresent());
        SettlementPage rest = f.useCases.reads().list(AS_HOSPITAL, UseCaseFixture.HOSPITAL, LocalDate.of(2025, 4, 1),
                LocalDate.of(2025, 4, 1), 5, Optional.empty()).value();
        assertEquals(1, rest.records().size());
        assertTrue(rest.next().isEmpty());
    }
}
