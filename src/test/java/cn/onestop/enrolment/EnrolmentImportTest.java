package cn.onestop.enrolment;

import cn.onestop.kernel.ImportReport;
import cn.onestop.kernel.RecordingProgress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrolmentImportTest {
    static final Map<String, String> PLANS =
            Map.of(
                    "NM-REGION-EMPLOYEE", "EMPLOYEE",
                    "WUHAI-EMPLOYEE", "EMPLOYEE",
                    "CHIFENG-RESIDENT", "RESIDENT");
    /** Each plan's insured region, as the bundled centre rules give them. */
    static final Map<String, String> REGIONS =
            Map.of(
                    "NM-REGION-EMPLOYEE", "159900",
                    "WUHAI-EMPLOYEE", "150300",
                    "CHIFENG-RESIDENT", "150400");
    static final Path PERSONS = Path.of("config", "samples", "persons.csv");
    static final Path INSTITUTIONS = Path.of("config", "samples", "institutions.csv");
    static final String HEADER = String.join(",", PersonCsv.COLUMNS) + "\n";
    static final List<String> TABLES =
            List.of(
                    "institutions",
                    "persons",
                    "credentials",
                    "assistance_identities",
                    "accounts",
                    "account_journal",
                    "accumulators",
                    "accumulator_journal",
                    "audit_log");

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private EnrolmentImport persons(String name) {
        db = TestDatabase.fresh("enrol_" + name);
        return new EnrolmentImport(db.dataSource(), PLANS, REGIONS);
    }

    @Test
    void samplesImportCleanly() throws Exception {
        EnrolmentImport imp = persons("samples");
        ImportReport inst = new InstitutionImport(db.dataSource()).importInstitutions(INSTITUTIONS);
        assertTrue(inst.ok(), () -> inst.errors().toString());
        assertEquals(16, inst.inserted());

        ImportReport r = imp.importPersons(PERSONS);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals("persons.csv", r.source());
        assertEquals(30, r.rows());
        assertEquals(30, r.inserted());
        assertEquals(0, r.updated());
        assertEquals(0, r.unchanged());
        assertEquals(List.of(), r.warnings());

        assertEquals(30, count("SELECT COUNT(*) FROM persons"));
        assertEquals(30, count("SELECT COUNT(*) FROM accounts"));
        assertEquals(30, count("SELECT COUNT(*) FROM account_journal WHERE kind = 'OPENING'"));
        assertEquals(
                count("SELECT SUM(balance) FROM accounts"),
                count("SELECT SUM(amount) FROM account_journal WHERE kind = 'OPENING'"));
        assertEquals(89, count("SELECT COUNT(*) FROM credentials")); // the newborn has no card yet
        assertEquals(7, count("SELECT COUNT(*) FROM assistance_identities"));
        assertEquals(4, count("SELECT COUNT(*) FROM accumulators WHERE year = 2026"));
        assertEquals(4, count("SELECT COUNT(*) FROM accumulator_journal WHERE kind = 'OPENING'"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'IMPORT_PERSONS' AND subject"
                            + " = 'persons.csv' AND detail LIKE 'rows=30 inserted=30 %'"));
        assertEquals(
                1, count("SELECT COUNT(*) FROM audit_log WHERE action = 'IMPORT_INSTITUTIONS'"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM persons WHERE person_id = '150400000005' AND"
                            + " birth_date = '2026-09-08' AND enrolled_on = '2026-10-20' AND status"
                            + " = 'RESIDENT'"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM assistance_identities WHERE person_id ="
                            + " '150400000009' AND category = 'AT_RISK' AND valid_from ="
                            + " '2025-03-01' AND valid_to IS NULL"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM credentials WHERE cert_type = 2 AND cert_value ="
                            + " '15012119680305019X' AND person_id = '150100000007'"));
    }

    @Test
    void importingTwiceChangesNothing() throws Exception {
        EnrolmentImport imp = persons("twice");
        assertTrue(imp.importPersons(PERSONS).ok());
        Map<String, List<String>> before = snapshot();

        ImportReport again = imp.importPersons(PERSONS);
        assertTrue(again.ok(), () -> again.errors().toString());
        assertEquals(30, again.rows());
        assertEquals(0, again.inserted());
        assertEquals(0, again.updated());
        assertEquals(30, again.unchanged());
        assertEquals(List.of(), again.warnings());

        Map<String, List<String>> after = snapshot();
        assertEquals(
                1,
                after.get("audit_log").size() - before.get("audit_log").size(),
                "one more audit row");
        before.remove("audit_log");
        after.remove("audit_log");
        assertEquals(before, after); // byte for byte, updated_at and journal timestamps included
        assertEquals(30, count("SELECT COUNT(*) FROM account_journal WHERE kind = 'OPENING'"));
        assertEquals(4, count("SELECT COUNT(*) FROM accumulator_journal WHERE kind = 'OPENING'"));
    }

    @Test
    void badRowsAreAllReportedAndNothingIsWritten() throws Exception {
        EnrolmentImport imp = persons("bad");
        assertTrue(imp.importPersons(PERSONS).ok());
        Map<String, List<String>> before = snapshot();

        String file =
                HEADER
                        + "N1,好人甲,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EV0000000000000001,,,100,,,\n"
                        + "N2,坏人乙,NM-REGION-EMPLOYEE,RESIDENT,,,,,,,,,EV0000000000000002,,,100,,,\n"
                        + "\n"
                        + "N3,好人丙,CHIFENG-RESIDENT,RESIDENT,,,,,2025-01-01,,,,EV0000000000000003,,,0,,,\n"
                        + "N4,坏人丁,WUHAI-EMPLOYEE,RETIRED,,,,,,,,,,15030219840512051,,0,,,\n";
        ImportReport r = imp.importPersons("bad.csv", new StringReader(file), null);
        assertFalse(r.ok());
        assertEquals(4, r.rows());
        assertEquals(0, r.inserted() + r.updated() + r.unchanged());
        assertEquals(
                List.of("3:status", "6:id_card"),
                r.errors().stream()
                        .map(e -> e.line() + ":" + e.field())
                        .collect(Collectors.toList()),
                r.errors()::toString);
        assertTrue(r.errors().get(0).message().contains("does not fit plan NM-REGION-EMPLOYEE"));
        assertTrue(r.errors().get(1).message().contains("18 characters"));
        assertEquals(before, snapshot());
    }

    @Test
    void everyKindOfBadRecordIsFound() throws Exception {
        EnrolmentImport imp = persons("kinds");
        String file =
                HEADER
                        + "A1,甲,NM-REGION-EMPLOYEE,ACTIVE,yes,,,,,,,,EVA,,,,,,\n" // 2 civil_servant
                        + "A1,乙,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVB,,,,,,\n" // 3 duplicate id
                        + "A3,丙,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVA,,,,,,\n" // 4 e_voucher used
                        // on line 2
                        + "A4,丁,CHIFENG-RESIDENT,RESIDENT,,,,,,,,,EVD,,,,,,\n" // 5 no benefit_start
                        + "A5,戊,BEIJING-EMPLOYEE,ACTIVE,,,,,,,,,EVE,,,,,,\n" // 6 unknown plan
                        + "A6,己,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,,,,,,,\n" // 7 no credential
                        + "A7,庚,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVG,,,-5,,,\n" // 8 negative
                        // balance
                        + "A8,辛,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVH,,,,POOR:2024-01-01:,,\n" // 9
                        // category
                        + "A9,壬,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVI,,,,,,admissions=1\n" // 10 no
                        // opening_year
                        + "A10,癸,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVJ,,,,,2026,admissions=-1;bogus=3\n" // 11 two
                        + "A11,子,NM-REGION-EMPLOYEE,ACTIVE,,,,,2025-13-01,,,,EVK,,,,,,\n" // 12 date
                        + "A12,丑,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EVL,,,\n"; // 13 field count
        ImportReport r = imp.importPersons("kinds.csv", new StringReader(file), null);
        assertFalse(r.ok());
        assertEquals(
                List.of(
                        "2:civil_servant",
                        "3:person_id",
                        "4:e_voucher",
                        "5:benefit_start",
                        "6:plan",
                        "7:e_voucher",
                        "8:account_balance",
                        "9:assistance",
                        "10:opening_year",
                        "11:opening_accumulators",
                        "11:opening_accumulators",
                        "12:benefit_start",
                        "13:(row)"),
                r.errors().stream()
                        .map(e -> e.line() + ":" + e.field())
                        .collect(Collectors.toList()),
                r.errors()::toString);
        assertEquals(0, count("SELECT COUNT(*) FROM persons"));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_log"));

        ImportReport header =
                imp.importPersons("h.csv", new StringReader("person_id,name,plan,colour\n"), null);
        assertFalse(header.ok());
        assertTrue(header.errors().stream().allMatch(e -> e.line() == 1));
        assertTrue(header.errors().stream().anyMatch(e -> e.field().equals("colour")));
        assertTrue(header.errors().stream().anyMatch(e -> e.field().equals("status")));
    }

    @Test
    void csvDialect() throws Exception {
        EnrolmentImport imp = persons("dialect");
        // BOM, CRLF, columns in another order, a quoted name with a comma, any-case enums and
        // booleans
        String cols =
                "name,person_id,plan,status,civil_servant,medical_care,cr_disabled,arrears,benefit_start,"
                    + "birth_date,enrolled_on,student,e_voucher,id_card,social_security_card,account_balance,assistance,"
                    + "opening_year,opening_accumulators";
        String file =
                "\uFEFF"
                        + cols
                        + "\r\n"
                        + "\"Bao,"
                        + " Jinhua\",D1,CHIFENG-RESIDENT,resident,FALSE,,none,,2025-01-01,,,True,,15042419770319064x,,,at_risk:2025-03-01;subsistence:2024-01-01:2024-12-31;,,\r\n"
                        + "\r\n"
                        + "张三,D2,NM-REGION-EMPLOYEE,Retired,,,Disabled,,,,,,EV1,,,5,,2026,\"admissions=1;"
                        + " pool_paid=9\"\r\n";
        ImportReport r = imp.importPersons("dialect.csv", new StringReader(file), null);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals(2, r.inserted());
        assertEquals("Bao, Jinhua", stringValue("SELECT name FROM persons WHERE person_id = 'D1'"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM persons WHERE person_id = 'D1' AND student AND status"
                            + " = 'RESIDENT'"));
        assertEquals(
                "D1",
                stringValue(
                        "SELECT person_id FROM credentials WHERE cert_value ="
                            + " '15042419770319064X'"));
        assertEquals(2, count("SELECT COUNT(*) FROM assistance_identities WHERE person_id = 'D1'"));
        assertEquals(
                "DISABLED", stringValue("SELECT cr_disabled FROM persons WHERE person_id = 'D2'"));
        assertEquals(
                9,
                count("SELECT pool_paid FROM accumulators WHERE person_id = 'D2' AND year = 2026"));
    }

    @Test
    void anExistingBalanceIsNeverReset() throws Exception {
        EnrolmentImport imp = persons("balance");
        assertTrue(imp.importPersons(PERSONS).ok());
        // a settlement spends 120.00 yuan from the first person's account
        exec("UPDATE accounts SET balance = balance - 12000 WHERE person_id = '150100000001'");
        exec(
                "INSERT INTO account_journal (person_id, kind, amount, balance_after,"
                    + " settlement_id) VALUES ('150100000001', 'SETTLE', -12000, 344000, 'S1')");

        ImportReport r = imp.importPersons(PERSONS);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals(30, r.unchanged());
        assertEquals(1, r.warnings().size(), r.warnings()::toString);
        assertTrue(
                r.warnings().get(0).startsWith("line 2: person 150100000001"), r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("344000"));
        assertEquals(
                344000, count("SELECT balance FROM accounts WHERE person_id = '150100000001'"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM account_journal WHERE person_id = '150100000001'"
                                + " AND kind = 'OPENING'"));
    }

    @Test
    void aCredentialOwnedByAnotherPersonIsRefused() throws Exception {
        EnrolmentImport imp = persons("owned");
        assertTrue(imp.importPersons(PERSONS).ok());
        Map<String, List<String>> before = snapshot();
        String stolen =
                stringValue(
                        "SELECT cert_value FROM credentials WHERE person_id = '150100000001'"
                                + " AND cert_type = 1");
        String file =
                HEADER
                        + "X1,冒用者,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,"
                        + stolen.toLowerCase()
                        + ",,,0,,,\n";
        ImportReport r = imp.importPersons("owned.csv", new StringReader(file), null);
        assertFalse(r.ok());
        assertEquals(1, r.errors().size());
        assertEquals(2, r.errors().get(0).line());
        assertEquals("e_voucher", r.errors().get(0).field());
        assertTrue(
                r.errors().get(0).message().contains("150100000001"), r.errors().get(0).message());
        assertEquals(before, snapshot());
    }

    @Test
    void credentialsMayMoveBetweenPersonsOfOneFileAndChangesCountAsUpdates() throws Exception {
        EnrolmentImport imp = persons("swap");
        String a = "S1,甲,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EVAAAA,,,1000,,,\n";
        String b = "S2,乙,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EVBBBB,,,2000,SUBSISTENCE:2024-01-01:,,\n";
        assertEquals(
                2, imp.importPersons("1.csv", new StringReader(HEADER + a + b), null).inserted());
        String a2 = "S1,甲,WUHAI-EMPLOYEE,RETIRED,,,,,,,,,EVBBBB,,,1000,,,\n";
        String b2 = "S2,乙,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EVAAAA,,,2000,,,\n";
        ImportReport r = imp.importPersons("2.csv", new StringReader(HEADER + a2 + b2), null);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals(2, r.updated());
        assertEquals(
                "S1", stringValue("SELECT person_id FROM credentials WHERE cert_value = 'EVBBBB'"));
        assertEquals(
                "S2", stringValue("SELECT person_id FROM credentials WHERE cert_value = 'EVAAAA'"));
        assertEquals("RETIRED", stringValue("SELECT status FROM persons WHERE person_id = 'S1'"));
        assertEquals(0, count("SELECT COUNT(*) FROM assistance_identities"));
        assertEquals(2, count("SELECT COUNT(*) FROM account_journal"));
    }

    @Test
    void openingAccumulatorsAreWrittenOnceWithTheirJournal() throws Exception {
        EnrolmentImport imp = persons("accum");
        assertTrue(imp.importPersons(PERSONS).ok());
        String row =
                "FROM accumulators WHERE person_id = '150100000003' AND plan = 'NM-REGION-EMPLOYEE'"
                        + " AND year = 2026";
        assertEquals(1, count("SELECT admissions " + row));
        assertEquals(3_100_000, count("SELECT inpatient_inscp " + row));
        assertEquals(2_700_000, count("SELECT pool_paid " + row));
        assertEquals(0, count("SELECT large_paid " + row));
        String journal =
                "FROM accumulator_journal WHERE person_id = '150100000003' AND kind = 'OPENING'"
                        + " AND plan = 'NM-REGION-EMPLOYEE' AND year = 2026";
        assertEquals(1, count("SELECT COUNT(*) " + journal));
        assertEquals(2_700_000, count("SELECT pool_paid " + journal));
        assertEquals(3_100_000, count("SELECT inpatient_inscp " + journal));

        // a settlement moves the row; a re-import must not put it back
        exec(
                "UPDATE accumulators SET admissions = admissions + 1, pool_paid = pool_paid +"
                    + " 500000 "
                        + row.substring("FROM accumulators ".length()));
        ImportReport r = imp.importPersons(PERSONS);
        assertTrue(r.ok());
        assertEquals(30, r.unchanged());
        assertEquals(1, r.warnings().size(), r.warnings()::toString);
        assertTrue(
                r.warnings().get(0).startsWith("line 4: person 150100000003"), r.warnings().get(0));
        assertEquals(2, count("SELECT admissions " + row));
        assertEquals(3_200_000, count("SELECT pool_paid " + row));
        assertEquals(1, count("SELECT COUNT(*) " + journal));
    }

    @Test
    void institutionsImportAndReimport() throws Exception {
        db = TestDatabase.fresh("enrol_institutions");
        InstitutionImport imp = new InstitutionImport(db.dataSource());
        ImportReport first = imp.importInstitutions(INSTITUTIONS);
        assertTrue(first.ok(), () -> first.errors().toString());
        assertEquals(16, first.inserted());
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM institutions WHERE code = 'P15030300001' AND kind ="
                            + " 'PHARMACY' AND level = 0 AND grade = 'NONE' AND dual_channel"));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM institutions WHERE code = 'H15030400001'"
                                + " AND NOT outpatient_pooling"));
        Map<String, List<String>> before = snapshot();

        ImportReport again = imp.importInstitutions(INSTITUTIONS);
        assertEquals(
                List.of(0, 0, 16), List.of(again.inserted(), again.updated(), again.unchanged()));
        Map<String, List<String>> after = snapshot();
        before.remove("audit_log");
        after.remove("audit_log");
        assertEquals(before, after);

        String text =
                Files.readString(INSTITUTIONS, StandardCharsets.UTF_8)
                                .replace(
                                        "H15030400001,乌海市乌达区人民医院,2,B,HOSPITAL,false,false,false",
                                        "H15030400001,乌海市乌达区人民医院,2,B,HOSPITAL,false,false,true")
                        + "H15042900001,宁城县中心医院,2,A,HOSPITAL,false,false,true,150400\n";
        ImportReport changed = imp.importInstitutions("changed.csv", new StringReader(text));
        assertEquals(
                List.of(1, 1, 15),
                List.of(changed.inserted(), changed.updated(), changed.unchanged()));
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM institutions WHERE code = 'H15030400001' AND"
                            + " outpatient_pooling"));
        assertEquals(
                3, count("SELECT COUNT(*) FROM audit_log WHERE action = 'IMPORT_INSTITUTIONS'"));

        Map<String, List<String>> beforeBad = snapshot();
        String bad =
                String.join(",", InstitutionImport.COLUMNS)
                        + "\n"
                        + "H15010500001,内蒙古自治区人民医院,3,A,HOSPITAL,false,false,false\n"
                        + "P15010500009,某药店,2,NONE,PHARMACY,false,false,false\n"
                        + "H15010500009,某医院,3,AA,HOSPITAL,false,true,false\n"
                        + "H15010500001,重复,3,A,HOSPITAL,false,false,false\n";
        ImportReport refused = imp.importInstitutions("bad.csv", new StringReader(bad));
        assertFalse(refused.ok());
        assertEquals(
                List.of("3:level", "4:grade", "5:code"),
                refused.errors().stream()
                        .map(e -> e.line() + ":" + e.field())
                        .collect(Collectors.toList()),
                refused.errors()::toString);
        assertEquals(beforeBad, snapshot());
    }

    @Test
    void twentyThousandPersonsInOneGo() throws Exception {
        EnrolmentImport imp = persons("bulk");
        int n = 20_000;
        StringBuilder sb = new StringBuilder(n * 160).append(HEADER);
        for (int i = 0; i < n; i++) {
            boolean resident = i % 3 == 0;
            String id = String.format("B%011d", i);
            sb.append(id)
                    .append(",人员")
                    .append(i)
                    .append(',')
                    .append(
                            resident
                                    ? "CHIFENG-RESIDENT,RESIDENT"
                                    : "NM-REGION-EMPLOYEE," + (i % 2 == 0 ? "ACTIVE" : "RETIRED"))
                    .append(",false,false,NONE,false,")
                    .append(resident ? "2025-01-01" : "")
                    .append(",,,false,")
                    .append(String.format("EV%016X", 0x5EED0000L + i))
                    .append(',')
                    .append(
                            String.format(
                                    "1504021980%02d%02d%03d%c",
                                    1 + i % 12, 1 + i % 28, i % 1000, 'X'))
                    .append(',')
                    .append(String.format("K%08d", i))
                    .append(',')
                    .append(resident ? 0 : 1000 + i)
                    .append(',')
                    .append(i % 10 == 0 ? "SUBSISTENCE:2024-01-01:" : "")
                    .append(',')
                    .append(
                            i % 7 == 0 && !resident
                                    ? "2026,admissions=1;pool_paid=" + (1000 * i)
                                    : ",")
                    .append('\n');
        }
        RecordingProgress progress = new RecordingProgress();
        long t0 = System.nanoTime();
        ImportReport r =
                imp.importPersons("bulk.csv", new StringReader(sb.toString()), progress);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.ok(), () -> r.errors().subList(0, Math.min(5, r.errors().size())).toString());
        assertEquals(n, r.inserted());
        assertEquals(
                List.of(new RecordingProgress.Phase("bulk.csv: writing persons", n, n, n / 1000, true)),
                progress.phases());
        assertEquals(n, count("SELECT COUNT(*) FROM persons"));
        assertEquals(3L * n, count("SELECT COUNT(*) FROM credentials"));
        assertEquals(n, count("SELECT COUNT(*) FROM account_journal WHERE kind = 'OPENING'"));
        System.out.println("EnrolmentImportTest: " + n + " persons imported in " + ms + " ms");

        long t1 = System.nanoTime();
        ImportReport again = imp.importPersons("bulk.csv", new StringReader(sb.toString()), null);
        System.out.println(
                "EnrolmentImportTest: "
                        + n
                        + " persons re-imported (unchanged) in "
                        + (System.nanoTime() - t1) / 1_000_000
                        + " ms");
        assertEquals(n, again.unchanged());
    }

    // ------------------------------------------------------------------------------------------

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            c.setAutoCommit(true); // the test's own statements, each committed
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    private String stringValue(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            c.setAutoCommit(true); // the test's own statements, each committed
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            s.executeUpdate(sql);
        }
    }

    /** Every row of every table the imports touch, as sorted text. */
    private Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            for (String t : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            sb.append(md.getColumnName(i))
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append('|');
                        }
                        rows.add(sb.toString());
                    }
                }
                Collections.sort(rows);
                out.put(t, rows);
            }
        }
        return out;
    }
}
