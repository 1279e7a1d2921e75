package cn.onestop.grpc;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.settle.SettleCommand;
import cn.onestop.settle.Settled;
import cn.onestop.settle.SettledBill;
import cn.onestop.settle.SettlementRecord;
import cn.onestop.settle.SettlementStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC front's mapping, each direction beside a no-op copy of the same data, in the same run.
 * In the front's own package (the mapper and the messages are package-private), compiled into the
 * benchmarks module only.
 * <ul>
 *   <li>{@code requestToCommand}: a 20-line {@code SettleRequest} into a {@code SettleCommand} — every
 *       field checked, the lines' records built, the canonical digest taken ({@code RequestMapper});
 *       baseline {@code baselineCopyRequest}: the same fields read and copied into plain records,
 *       nothing checked.
 *   <li>{@code settledToResponse}: a settlement (its amounts, fund rows, explanation) into a
 *       {@code SettleResponse} ({@code SettlementMessages}); baseline {@code baselineCopyResponse}: a
 *       copy of the finished response message ({@code toBuilder().build()}).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MappingBenchmark {
    SettleRequest request;
    RequestMapper mapper;
    Settled settled;
    SettleResponse response;

    /** A line as a plain copy would keep it. */
    record PlainLine(String id, String code, int category, long unitPrice, long qty, int ratio, boolean tcm,
                     boolean emergency) {
    }

    /** The request as a plain copy would keep it. */
    record PlainRequest(String institution, String messageId, int credentialType, String credential, String date,
                        int visitType, boolean useAccount, int days, PlainLine[] lines) {
    }

    @Setup
    public void setup() {
        SettleRequest.Builder b = SettleRequest.newBuilder().setInstitutionCode("H15010500001")
                .setMessageId("bench-000000000001")
                .setCredential(Credential.newBuilder().setType(CredentialType.E_VOUCHER).setValue("EVBENCH0000001"))
                .setSettleDate("2026-06-01")
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true).setDays(8));
        Category[] mix = {Category.A, Category.A, Category.B, Category.A, Category.B, Category.SELF, Category.A,
                Category.BED, Category.A, Category.BLOOD};
        for (int i = 0; i < 20; i++) {
            b.addLines(BillLine.newBuilder().setId("L" + i).setCategory(mix[i % mix.length])
                    .setUnitPrice(500 + 997L * i).setQty(1 + i % 3));
        }
        request = b.build();
        mapper = new RequestMapper(cn.onestop.settle.Limits.DEFAULTS, LocalDate.of(2026, 12, 31));
        SettlementRequest req = cn.onestop.bench.BenchBills.inpatient(20);
        if (!(SplitEngine.split(req, RuleFiles.loadBundled()) instanceof Outcome.Settled s)) {
            throw new IllegalStateException("the benchmark bill must settle");
        }
        SettledBill bill = new SettledBill(req.plan(), req.settleDate(), s.settlement(), List.of(), null);
        settled = new Settled(new SettlementRecord("S0000000000000000001", "H15010500001", "bench-000000000001",
                "BENCH0000001", SettlementStatus.SETTLED, bill, Instant.parse("2026-06-01T08:00:00Z"),
                s.settlement().ownAccountDebit(), null, 0, null, null,
                cn.onestop.centre.Clearing.of(new cn.onestop.centre.AdminDivision("159900"),
                        new cn.onestop.centre.AdminDivision("150100"), cn.onestop.request.VisitType.INPATIENT,
                        cn.onestop.rules.Scheme.EMPLOYEE, java.util.Map.of())), false);
        response = SettlementMessages.settled(settled);
    }

    @Benchmark
    public SettleCommand requestToCommand() {
        return mapper.settle(request, true);
    }

    /** Baseline: the same fields read and copied, nothing checked, no digest. */
    @Benchmark
    public PlainRequest baselineCopyRequest() {
        SettleRequest r = request;
        List<BillLine> in = r.getLinesList();
        PlainLine[] lines = new PlainLine[in.size()];
        for (int i = 0; i < lines.length; i++) {
            BillLine l = in.get(i);
            lines[i] = new PlainLine(l.getId(), l.getItemCode(), l.getCategoryValue(), l.getUnitPrice(), l.getQty(),
                    l.getSelfRatioBp(), l.getTcmDrug(), l.getEmergency());
        }
        return new PlainRequest(r.getInstitutionCode(), r.getMessageId(), r.getCredential().getTypeValue(),
                r.getCredential().getValue(), r.getSettleDate(), r.getVisit().getTypeValue(),
                r.getVisit().getUseAccount(), r.getVisit().getDays(), lines);
    }

    @Benchmark
    public SettleResponse settledToResponse() {
        return SettlementMessages.settled(settled);
    }

    /** Baseline: a copy of the finished response message. */
    @Benchmark
    public SettleResponse baselineCopyResponse() {
        return response.toBuilder().build();
    }
}
