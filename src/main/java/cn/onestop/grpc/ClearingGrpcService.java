package cn.onestop.grpc;

import cn.onestop.api.v1.ApplyClearingRequest;
import cn.onestop.api.v1.ClearingApplication;
import cn.onestop.api.v1.ClearingApplicationRef;
import cn.onestop.api.v1.ClearingConfirmation;
import cn.onestop.api.v1.ClearingPage;
import cn.onestop.api.v1.ClearingRollback;
import cn.onestop.api.v1.ClearingServiceGrpc;
import cn.onestop.api.v1.CloseDayRequest;
import cn.onestop.api.v1.ConfirmClearingRequest;
import cn.onestop.api.v1.DayClose;
import cn.onestop.api.v1.DetailReconciliation;
import cn.onestop.api.v1.ListClearingRequest;
import cn.onestop.api.v1.ReconcileDetailRequest;
import cn.onestop.api.v1.ReconcileHospitalRequest;
import cn.onestop.api.v1.ReconcileTotalsRequest;
import cn.onestop.api.v1.RollbackClearingRequest;
import cn.onestop.api.v1.SharingEstimate;
import cn.onestop.api.v1.SharingRequest;
import cn.onestop.api.v1.Statement;
import cn.onestop.api.v1.TotalsReconciliation;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.clearing.Confirmations;
import cn.onestop.clearing.Months;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.Executor;

/**
 * The clearing API: maps each message onto its clearing use case and the answer back. Its calls run
 * on an executor of their own, so a month's reconciliation never takes a worker a checkout is
 * waiting for; a call's deadline and cancellation travel with it.
 */
final class ClearingGrpcService extends ClearingServiceGrpc.ClearingServiceImplBase {
    private final ClearingUseCases clearing;
    private final Calls calls;
    private final Executor executor;

    ClearingGrpcService(ClearingUseCases clearing, Calls calls, Executor executor) {
        this.clearing = clearing;
        this.calls = calls;
        this.executor = executor;
    }

    private <T> void run(String method, StreamObserver<T> out, Calls.Handler<T> handler) {
        executor.execute(Context.current().wrap(() -> calls.run(method, out, handler)));
    }

    @Override
    public void closeDay(CloseDayRequest r, StreamObserver<DayClose> out) {
        run("CloseDay", out, d -> clearing.closeDay().close(r.getInstitutionCode(),
                ClearingRequests.date("day", r.getDay())).map(ClearingMessages::dayClose));
    }

    @Override
    public void getStatement(cn.onestop.api.v1.StatementRequest r, StreamObserver<Statement> out) {
        run("GetStatement", out, d -> clearing.statements().statement(r.getInstitutionCode(),
                Months.parse("setlym", r.getSetlym())).map(ClearingMessages::statement));
    }

    @Override
    public void reconcileTotals(ReconcileTotalsRequest r, StreamObserver<TotalsReconciliation> out) {
        run("ReconcileTotals", out, d -> {
            ClearingRequests.Range range = ClearingRequests.range(r.getStmtBegndate(), r.getStmtEnddate());
            return clearing.totals().reconcile(r.getInstitutionCode(), range.from(), range.to(),
                    ClearingRequests.centreTotals(r.getRowsList())).map(ClearingMessages::totals);
        });
    }

    @Override
    public void reconcileDetail(ReconcileDetailRequest r, StreamObserver<DetailReconciliation> out) {
        run("ReconcileDetail", out, d -> {
            ClearingRequests.Range range = ClearingRequests.range(r.getStmtBegndate(), r.getStmtEnddate());
            return clearing.details().withCentre(r.getInstitutionCode(), range.from(), range.to(),
                    r.getFile().newInput()).map(ClearingMessages::detail);
        });
    }

    @Override
    public void reconcileWithHospital(ReconcileHospitalRequest r, StreamObserver<DetailReconciliation> out) {
        run("ReconcileWithHospital", out, d -> clearing.details().withHospital(r.getInstitutionCode(),
                ClearingRequests.date("stmt_date", r.getStmtDate()), r.getFile().newInput())
                .map(ClearingMessages::detail));
    }

    @Override
    public void listClearing(ListClearingRequest r, StreamObserver<ClearingPage> out) {
        run("ListClearing", out, d -> clearing.node().list(ClearingRequests.scope(r.getServedRegionsList()),
                r.getInsuplcAdmdvs(), Months.parse("setlym", r.getSetlym()),
                r.getStartrow() == 0 ? 1 : r.getStartrow()).map(ClearingMessages::page));
    }

    @Override
    public void confirmClearing(ConfirmClearingRequest r, StreamObserver<ClearingConfirmation> out) {
        run("ConfirmClearing", out, d -> clearing.node().confirm(ClearingRequests.scope(r.getServedRegionsList()),
                r.getInsuplcAdmdvs(), Months.parse("setlym", r.getSetlym()), r.getRowsList().stream()
                        .map(x -> new Confirmations.RowConfirmation(x.getSetlId(), x.getFundPaySumamt())).toList())
                .map(ClearingMessages::confirmed));
    }

    @Override
    public void rollbackClearing(RollbackClearingRequest r, StreamObserver<ClearingRollback> out) {
        run("RollbackClearing", out, d -> clearing.node().rollback(ClearingRequests.scope(r.getServedRegionsList()),
                r.getInsuplcAdmdvs(), Months.parse("setlym", r.getSetlym()), r.getReason())
                .map(n -> ClearingRollback.newBuilder().setRolledBack(n).build()));
    }

    @Override
    public void applyClearing(ApplyClearingRequest r, StreamObserver<ClearingApplication> out) {
        run("ApplyClearing", out, d -> clearing.applications().apply(r.getInstitutionCode(), r.getClrType(),
                Months.parse("setlym", r.getSetlym())).map(ClearingMessages::application));
    }

    @Override
    public void withdrawClearing(ClearingApplicationRef r, StreamObserver<ClearingApplication> out) {
        run("WithdrawClearing", out, d -> clearing.applications().withdraw(r.getApplicationId())
                .map(ClearingMessages::application));
    }

    @Override
    public void acceptClearing(ClearingApplicationRef r, StreamObserver<ClearingApplication> out) {
        run("AcceptClearing", out, d -> clearing.applications().accept(r.getApplicationId())
                .map(ClearingMessages::application));
    }

    @Override
    public void estimateSharing(SharingRequest r, StreamObserver<SharingEstimate> out) {
        run("EstimateSharing", out, d -> clearing.sharing().estimate(ClearingRequests.scheme(r.getScheme()),
                r.getBudget(), r.getActual(), r.hasAssessmentBp() ? r.getAssessmentBp() : null,
                r.getYear() == 0 ? clearing.calendar().today().getYear() : r.getYear())
                .map(ClearingMessages::sharing));
    }
}
