package cn.onestop.gateway;

import cn.onestop.catalog.CatalogImport;
import cn.onestop.catalog.CatalogStore;
import cn.onestop.enrolment.EnrolmentImport;
import cn.onestop.kernel.ImportReport;
import cn.onestop.enrolment.InstitutionImport;
import cn.onestop.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Sample institutions and persons ({@code config/samples}) imported into a database that has no
 * person yet, so a fresh gateway is ready for a client. A database with persons is never touched.
 * The sample catalog ({@code config/catalog/sample-catalog.csv}) is published likewise into a
 * database without any catalog version.
 */
final class Samples {
    private static final Logger LOG = LoggerFactory.getLogger(Samples.class);

    private Samples() {
    }

    static void loadIfEmpty(DataSource ds, Path dir, RuleBook rules) throws IOException, SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT EXISTS (SELECT 1 FROM persons)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        Path institutions = dir.resolve("institutions.csv");
        Path persons = dir.resolve("persons.csv");
        if (!Files.isRegularFile(institutions) || !Files.isRegularFile(persons)) {
            LOG.warn("samples: {} has no institutions.csv and persons.csv; starting without sample data", dir);
            return;
        }
        check(new InstitutionImport(ds).importInstitutions(institutions));
        check(EnrolmentImport.forPlans(ds, rules).importPersons(persons));
    }

    /** The sample catalog's file in the catalog folder. */
    static final String SAMPLE_CATALOG = "sample-catalog.csv";
    /** The regions of the sample institutions: Inner Mongolia has one catalog region-wide since 2023. */
    static final List<String> SAMPLE_CATALOG_REGIONS = List.of("150100", "150300", "150400");
    static final LocalDate SAMPLE_CATALOG_FROM = LocalDate.of(2023, 1, 1);

    static void loadCatalogIfEmpty(DataSource ds, CatalogStore store, Path dir) throws IOException, SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT EXISTS (SELECT 1 FROM catalog_versions)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        Path file = dir.resolve(SAMPLE_CATALOG);
        if (!Files.isRegularFile(file)) {
            LOG.warn("samples: {} not found; starting without a catalog (coded bill lines are refused)", file);
            return;
        }
        CatalogImport.Outcome r = new CatalogImport(store).importFile(file, SAMPLE_CATALOG_REGIONS,
                SAMPLE_CATALOG_FROM, null, null);
        check(r.report());
        LOG.info("samples: catalog {} published for {}", file.getFileName(),
                r.created().stream().map(v -> v.id()).toList());
    }

    private static void check(ImportReport r) {
        if (!r.ok()) {
            throw new IllegalStateException("sample data " + r.source() + " does not import: " + r.errors());
        }
        LOG.info("samples: {}", r.summary());
    }
}
