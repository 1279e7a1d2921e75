package cn.onestop.enrolment;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.EnrolledPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory settlement reads persons and institutions through, and how it learns of imports. */
class PersonDirectoryTest {
    static final String HEADER = "code,name,level,grade,kind,tcm,dual_channel,outpatient_pooling,region\n";
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("person_directory");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.enrol(c, "P1", "NM-REGION-EMPLOYEE", "RETIRED", true, 1_000, null);
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aPersonIsFoundByCredentialWithoutCredentialsAndByNumberWithThem() {
        try (PersonDirectory d = new PersonDirectory(db.dataSource(), null)) {
            EnrolledPerson held = d.holding(new CredentialRef(1, "EV-P1")).orElseThrow();
            assertEquals("P1", held.personId());
            assertTrue(held.civilServant());
            assertEquals(List.of(), held.credentials());
            assertEquals(List.of(new CredentialRef(1, "EV-P1")), d.person("P1").orElseThrow().credentials());
            assertEquals(Optional.empty(), d.holding(new CredentialRef(1, "EV-NOBODY")));
            assertEquals(Optional.of("P1"), d.personIdHolding(new CredentialRef(1, "EV-P1")));
        }
    }

    @Test
    void aPreSettlementReadsThePersonTheirYearAndTheirBalanceTogether() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().executeUpdate("INSERT INTO accumulators (person_id, plan, year, admissions, pool_paid) "
                    + "VALUES ('P1', 'NM-REGION-EMPLOYEE', 2025, 2, 123456)");
        }
        try (PersonDirectory d = new PersonDirectory(db.dataSource(), null)) {
            var h = d.holdingWithState(new CredentialRef(1, "EV-P1"), 2025).orElseThrow();
            assertEquals("P1", h.person().personId());
            assertEquals(1_000, h.balance());
            assertEquals(2, h.ytd().get(cn.onestop.request.Accumulator.ADMISSIONS));
            assertEquals(123_456, h.ytd().get(cn.onestop.request.Accumulator.POOL_PAID));
            var other = d.holdingWithState(new CredentialRef(1, "EV-P1"), 2026).orElseThrow();
            assertEquals(cn.onestop.request.Accumulators.ZERO, other.ytd(), "a year without a row reads as zero");
            assertEquals(Optional.empty(), d.holdingWithState(new CredentialRef(1, "EV-NOBODY"), 2025));
        }
    }

    @Test
    void anImportOnOneNodeReachesTheInstitutionCacheOfAnotherWithinThePoll() throws Exception {
        InstitutionImport imp = new InstitutionImport(db.dataSource());
        assertTrue(imp.importInstitutions("v1", new StringReader(HEADER
                + "H15010500009,测试医院,2,A,HOSPITAL,false,false,true,150100\n")).ok());
        try (PersonDirectory other = new PersonDirectory(db.dataSource(), Duration.ofMillis(100))) {
            assertEquals(2, other.institution("H15010500009").orElseThrow().institution().level(), "cached now");
            assertTrue(imp.importInstitutions("v2", new StringReader(HEADER
                    + "H15010500009,测试医院,3,A,HOSPITAL,false,false,true,150100\n")).ok());
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int level = 2;
            while (level == 2 && System.nanoTime() < until) {
                Thread.sleep(50);
                level = other.institution("H15010500009").orElseThrow().institution().level();
            }
            assertEquals(3, level, "the other node dropped its cached institution when the generation moved");
        }
    }

    @Test
    void anImportThatChangesNothingLeavesTheGenerationWhereItIs() throws Exception {
        InstitutionImport imp = new InstitutionImport(db.dataSource());
        String file = HEADER + "H15010500008,测试医院乙,1,NONE,HOSPITAL,false,false,false,150100\n";
        assertTrue(imp.importInstitutions("a", new StringReader(file)).ok());
        try (PersonDirectory d = new PersonDirectory(db.dataSource(), null)) {
            d.refresh();
            assertTrue(imp.importInstitutions("again", new StringReader(file)).ok());
            assertTrue(!d.refresh(), "an unchanged file is not a change");
        }
    }

    @Test
    void aPersonsInsuredRegionComesFromTheImportAndAChangeOfItIsAnUpdate() throws Exception {
        EnrolmentImport imp = new EnrolmentImport(db.dataSource(), EnrolmentImportTest.PLANS,
                EnrolmentImportTest.REGIONS);
        String header = EnrolmentImportTest.HEADER.strip() + ",insuplc_admdvs\n";
        var first = imp.importPersons("r1", new StringReader(header
                + "X1,甲,CHIFENG-RESIDENT,RESIDENT,,,,,2025-01-01,,,,EV-X1,,,,,,,\n"), null);
        assertTrue(first.ok(), first.errors().toString());
        try (PersonDirectory d = new PersonDirectory(db.dataSource(), null)) {
            assertEquals("150400", d.holding(new CredentialRef(1, "EV-X1")).orElseThrow().insuredRegion().code());
            assertEquals("159900", d.person("P1").orElseThrow().insuredRegion().code());
            var moved = imp.importPersons("r2", new StringReader(header
                    + "X1,甲,CHIFENG-RESIDENT,RESIDENT,,,,,2025-01-01,,,,EV-X1,,,,,,,150402\n"), null);
            assertEquals(1, moved.updated());
            assertEquals("150402", d.person("X1").orElseThrow().insuredRegion().code());
            var same = imp.importPersons("r3", new StringReader(header
                    + "X1,甲,CHIFENG-RESIDENT,RESIDENT,,,,,2025-01-01,,,,EV-X1,,,,,,,150402\n"), null);
            assertEquals(1, same.unchanged());
        }
    }
}
