package cn.onestop.grpc;

import cn.onestop.api.v1.EnrolmentAdminServiceGrpc;
import cn.onestop.api.v1.ImportReport;
import cn.onestop.api.v1.ImportRequest;
import cn.onestop.api.v1.RowError;
import cn.onestop.enrolment.EnrolmentImport;
import cn.onestop.enrolment.InstitutionImport;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.Role;
import cn.onestop.rules.RuleBook;
import io.grpc.stub.StreamObserver;

import javax.sql.DataSource;
import java.io.StringReader;
import java.util.function.Supplier;

/** Person and institution import over gRPC: the same all-or-nothing import as the CSV commands. */
final class EnrolmentGrpcService extends EnrolmentAdminServiceGrpc.EnrolmentAdminServiceImplBase {
    private final DataSource dataSource;
    private final Supplier<RuleBook> rules;
    private final Calls calls;
    private final Runnable changed;

    /** @param changed told after an import that changed something (drops cached institutions) */
    EnrolmentGrpcService(DataSource dataSource, Supplier<RuleBook> rules, Calls calls, Runnable changed) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.calls = calls;
        this.changed = changed;
    }

    @Override
    public void importPersons(ImportRequest request, StreamObserver<ImportReport> out) {
        calls.run("ImportPersons", out, (caller, deadline) -> {
            var denied = caller.unless("import persons", Role.CENTRE_ADMIN);
            if (denied.isPresent()) {
                return new Result.Failed<>(denied.get());
            }
            if (request.getCsv().isBlank()) {
                return Result.invalid("csv", "is required: the persons file with its header row");
            }
            return Result.ok(report(EnrolmentImport.forPlans(dataSource, rules.get()).by(caller)
                    .importPersons(source(request), new StringReader(request.getCsv()), null)));
        });
    }

    @Override
    public void importInstitutions(ImportRequest request, StreamObserver<ImportReport> out) {
        calls.run("ImportInstitutions", out, (caller, deadline) -> {
            var denied = caller.unless("import institutions", Role.CENTRE_ADMIN);
            if (denied.isPresent()) {
                return new Result.Failed<>(denied.get());
            }
            if (request.getCsv().isBlank()) {
                return Result.invalid("csv", "is required: the institutions file with its header row");
            }
            cn.onestop.kernel.ImportReport r = new InstitutionImport(dataSource).by(caller)
                    .importInstitutions(source(request), new StringReader(request.getCsv()));
            if (r.ok() && r.inserted() + r.updated() > 0) {
                changed.run();
            }
            return Result.ok(report(r));
        });
    }

    private static String source(ImportRequest r) {
        return r.getSource().isBlank() ? "grpc" : r.getSource();
    }

    private static ImportReport report(cn.onestop.kernel.ImportReport r) {
        ImportReport.Builder b = ImportReport.newBuilder().setSource(r.source()).setRows(r.rows())
                .setInserted(r.inserted()).setUpdated(r.updated()).setUnchanged(r.unchanged())
                .addAllWarnings(r.warnings()).setApplied(r.ok());
        for (cn.onestop.kernel.RowError e : r.errors()) {
            b.addErrors(RowError.newBuilder().setLine(e.line()).setField(e.field()).setMessage(e.message()));
        }
        return b.build();
    }
}
