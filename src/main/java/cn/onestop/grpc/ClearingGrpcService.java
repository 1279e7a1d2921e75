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
import io.grpc.stub.StreamObserver;

/**
 * The clearing API: maps each message onto its clearing use case and the answer back. Its calls run
 * on an executor of their own, so a month's reconciliation never takes a worker a checkout is
 * waiting for; a call's deadline and cancellation travel with it.
 */
final class ClearingGrpcService extends ClearingServiceGrpc.ClearingServiceImplBase {
    private final ClearingUseCases clearing;
    private final Calls calls;

    /** @param calls runs each call on the clearing side's own executor, as the caller it authenticates */
    ClearingGrpcService(ClearingUseCases clearing, Calls calls) {
        this.clearing = clearing;
        this.calls = calls;
    }

    private <T> void run(String method, StreamObserver<T> out, Calls.Handler<T> handler) {
        calls.run(method, out, handler);
    }

    @Override
    public void closeDay(CloseDayRequest r, StreamObserver<DayClose> out) {
        run("CloseDay", out, (caller, d) -> clearing.closeDay().close(caller, r.getInstitutionCode(),
                ClearingRequests.date("day", r.getDay())).map(ClearingMessages::dayClose));
    }

    @Override
    public void getStatement(cn.onestop.api.v1.StatementRequest r, StreamObserver<Statement> out) {
        run("GetStatement", out, (caller, d) -> clearing.statements().statement(caller, r.getInstitutionCode(),
                Months.parse("setlym", r.getSetlym())).map(ClearingMessages::statement));
    }

    @Override
    public void reconcileTotals(ReconcileTotalsRequest r, StreamObserver<TotalsReconciliation> out) {
        run("ReconcileTotals", out, (caller, d) -> {
            ClearingRequests.Range range = ClearingRequests.range(r.getStmtBegndate(), r.getStmtEnddate());
            return clearing.totals().reconcile(caller, r.getInstitutionCode(), range.from(), range.to(),
                    ClearingRequests.centreTotals(r.getRowsList())).map(ClearingMessages::totals);
        });
    }

    @Override
    public void reconcileDetail(ReconcileDetailRequest r, StreamObserver<DetailReconciliation> out) {
        run("ReconcileDetail", out, (caller, d) -> {
            ClearingRequests.Range range = ClearingRequests.range(r.getStmtBegndate(), r.getStmtEnddate());
            return clearing.details().withCentre(caller, r.getInstitutionCode(), range.from(), range.to(),
                    r.getFile().newInput()).map(ClearingMessages::detail);
        });
    }

    @Override
    public void reconcileWithHospital(ReconcileHospitalRequest r, StreamObserver<DetailReconciliation> out) {
        run("ReconcileWithHospital", out, (caller, d) -> clearing.details().withHospital(caller, r.getInstitutionCode(),
                ClearingRequests.date("stmt_date", r.getStmtDate()), r.getFile().newInput())
                .map(ClearingMessages::detail));
    }

    @Override
    public void listClearing(ListClearingRequest r, StreamObserver<ClearingPage> out) {
        run("ListClearing", out, (caller, d) -> clearing.node().list(caller, r.getInsuplcAdmdvs(),
                Months.parse("setlym", r.getSetlym()), r.getStartrow() == 0 ? 1 : r.getStartrow()).map(ClearingMessages::page));
    }

    @Override
    public void confirmClearing(ConfirmClearingRequest r, StreamObserver<ClearingConfirmation> out) {
        run("ConfirmClearing", out, (caller, d) -> clearing.node().confirm(caller,
                r.getInsuplcAdmdvs(), Months.parse("setlym", r.getSetlym()), r.getRowsList().stream()
                        .map(x -> new Confirmations.RowConfirmation(x.getSetlId(), x.getFundPaySumamt())).toList())
                .map(ClearingMessages::confirmed));
    }

    @Override
    public void rollbackClearing(RollbackClearingRequest r, StreamObserver<ClearingRollback> out) {
        run("RollbackClearing", out, (caller, d) -> clearing.node().rollback(caller,
                r.getInsuplcAdmdvs(), Months.parse("setlym", r.getSetlym()), r.getReason())
                .map(n -> ClearingRollback.newBuilder().setRolledBack(n).build()));
    }

    @Override
    public void applyClearing(ApplyClearingRequest r, StreamObserver<ClearingApplication> out) {
        run("ApplyClearing", out, (caller, d) -> clearing.applications().apply(caller, r.getInstitutionCode(), r.getClrType(),
                Months.parse("setlym", r.getSetlym())).map(ClearingMessages::application));
    }

    @Override
    public void withdrawClearing(ClearingApplicationRef r, StreamObserver<ClearingApplication> out) {
        run("WithdrawClearing", out, (caller, d) -> clearing.applications().withdraw(caller, r.getApplicationId())
                .map(ClearingMessages::application));
    }

    @Override
    public void acceptClearing(ClearingApplicationRef r, StreamObserver<ClearingApplication> out) {
        run("AcceptClearing", out, (caller, d) -> clearing.applications().accept(caller, r.getApplicationId())
                .map(ClearingMessages::application));
    }

    @Override
    public void estimateSharing(SharingRequest r, StreamObserver<SharingEstimate> out) {
        run("EstimateSharing", out, (caller, d) -> clearing.sharing().estimate(ClearingRequests.scheme(r.getScheme()),
                r.getBudget(), r.getActual(), r.hasAssessmentBp() ? r.getAssessmentBp() : null,
                r.getYear() == 0 ? clearing.calendar().today().getYear() : r.getYear())
                .map(ClearingMessages::sharing));
    }
}
