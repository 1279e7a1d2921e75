package cn.onestop.enrolment;

import cn.onestop.enrolment.InstitutionImport.Row;
import cn.onestop.enrolment.InstitutionPlan.Upsert;
import cn.onestop.kernel.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes an {@link InstitutionPlan}: one {@code INSERT … ON DUPLICATE KEY UPDATE} per row, batched. */
final class InstitutionWriter {
    private static final String UPSERT =
            "INSERT INTO institutions (code, name, level, grade, kind, tcm, dual_channel,"
                    + " outpatient_pooling, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE"
                    + " KEY UPDATE name = VALUES(name), level = VALUES(level), grade ="
                    + " VALUES(grade), kind = VALUES(kind), tcm = VALUES(tcm), dual_channel ="
                    + " VALUES(dual_channel), outpatient_pooling = VALUES(outpatient_pooling),"
                    + " region = VALUES(region)";

    private InstitutionWriter() {}

    /** Writes the upserts, advancing {@code progress} by each batch sent. */
    static void write(Connection c, List<Upsert> upserts, Progress progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            Batch batch = new Batch(ps, EnrolmentImport.CHUNK);
            int pending = 0;
            for (Upsert u : upserts) {
                bind(ps, u.code(), u.row());
                batch.add();
                if (++pending == EnrolmentImport.CHUNK) {
                    progress.advance(pending);
                    pending = 0;
                }
            }
            batch.flush();
            progress.advance(pending);
        }
    }

    private static void bind(PreparedStatement ps, String code, Row r) throws SQLException {
        ps.setString(1, code);
        ps.setString(2, r.name());
        ps.setInt(3, r.level());
        ps.setString(4, r.grade().name());
        ps.setString(5, r.kind().name());
        ps.setBoolean(6, r.tcm());
        ps.setBoolean(7, r.dualChannel());
        ps.setBoolean(8, r.outpatientPooling());
        ps.setString(9, r.region());
    }
}
