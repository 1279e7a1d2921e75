package cn.onestop.enrolment;

import cn.onestop.kernel.ImportReport;

import cn.onestop.kernel.RowError;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog region of an institution: from the import's optional column, or from its code. */
class InstitutionRegionTest {
    static final String HEADER = String.join(",", InstitutionImport.COLUMNS);

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theRegionIsThePrefectureOfTheCode() {
        assertEquals("150100", InstitutionImport.regionOf("H15010500001"));
        assertEquals("150300", InstitutionImport.regionOf("P15030300001"));
        assertEquals("150400", InstitutionImport.regionOf("H15042800001"));
        assertNull(InstitutionImport.regionOf("HOSP-1"));
        assertNull(InstitutionImport.regionOf("H1501"));
    }

    @Test
    void theRegionColumnIsOptionalAndDerivedWhenAbsentOrEmpty() throws Exception {
        db = TestDatabase.fresh("inst_region");
        InstitutionImport imp = new InstitutionImport(db.dataSource());
        ImportReport without = imp.importInstitutions("a.csv", new StringReader(HEADER + "\n"
                + "H15010500001,内蒙古自治区人民医院,3,A,HOSPITAL,false,false,true\n"));
        assertTrue(without.ok(), () -> without.errors().toString());
        ImportReport with = imp.importInstitutions("b.csv", new StringReader("region," + HEADER + "\n"
                + "150400,H15042800001,喀喇沁旗医院,2,A,HOSPITAL,false,false,true\n"
                + ",H15030300001,乌海市海南区人民医院,2,A,HOSPITAL,false,false,true\n"
                + "152900,X9,阿拉善盟中心医院,3,A,HOSPITAL,false,false,true\n"));
        assertTrue(with.ok(), () -> with.errors().toString());
        assertEquals(Map.of("H15010500001", "150100", "H15042800001", "150400", "H15030300001", "150300",
                "X9", "152900"), regions());

        // a changed region is an update; the same again is unchanged
        ImportReport moved = imp.importInstitutions("c.csv", new StringReader(HEADER + ",region\n"
                + "H15010500001,内蒙古自治区人民医院,3,A,HOSPITAL,false,false,true,150000\n"));
        assertEquals(1, moved.updated());
        assertEquals("150000", regions().get("H15010500001"));
    }

    @Test
    void aRegionThatIsNotSixDigitsOrCannotBeDerivedRefusesTheFile() throws Exception {
        db = TestDatabase.fresh("inst_region_bad");
        ImportReport r = new InstitutionImport(db.dataSource()).importInstitutions("bad.csv", new StringReader(
                HEADER + ",region\n"
                        + "H15010500001,医院,3,A,HOSPITAL,false,false,true,1501\n"
                        + "HOSP-2,医院,3,A,HOSPITAL,false,false,true,\n"));
        assertFalse(r.ok());
        assertEquals(List.of(new RowError(2, "region", r.errors().get(0).message()),
                new RowError(3, "region", r.errors().get(1).message())), r.errors());
        assertTrue(regions().isEmpty());
    }

    @Test
    void existingInstitutionsGetTheirRegionFromTheMigration() throws Exception {
        db = TestDatabase.fresh("inst_region_migration", "classpath:db/none");
        Flyway.configure().dataSource(db.dataSource()).locations(Database.MIGRATIONS).target("1").load()
                .migrate();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            st.execute("INSERT INTO institutions (code, name, level, grade, kind) VALUES "
                    + "('H15010500001', '内蒙古自治区人民医院', 3, 'A', 'HOSPITAL'), "
                    + "('P15030300001', '惠民大药房', 0, 'NONE', 'PHARMACY')");
        }
        Flyway.configure().dataSource(db.dataSource()).locations(Database.MIGRATIONS).load().migrate();
        assertEquals(Map.of("H15010500001", "150100", "P15030300001", "150300"), regions());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            st.execute("INSERT INTO institutions (code, name, level, grade, kind) VALUES "
                    + "('H15040200002', '赤峰市医院', 3, 'A', 'HOSPITAL')");
        }
        assertEquals("150400", regions().get("H15040200002"), "a row inserted without a region");
    }

    private Map<String, String> regions() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT code, region FROM institutions")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
