package cn.onestop.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.kernel.RowError;
import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.PersonStatus;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The persons file read without a database: rows, and the words for every bad cell. */
class PersonCsvTest {
    static final String HEADER = EnrolmentImportTest.HEADER;
    /** A valid record whose cells from e_voucher on are given by the test. */
    static final String START = "P1,甲,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,";

    private final PersonCsv csv = new PersonCsv(EnrolmentImportTest.PLANS, EnrolmentImportTest.REGIONS);

    private PersonCsv.Parsed read(String records) throws IOException {
        return csv.read(new StringReader(HEADER + records));
    }

    private List<String> errors(String records) throws IOException {
        return read(records).errors().stream().map(RowError::toString).toList();
    }

    @Test
    void aValidRecordCarriesEveryValue() throws IOException {
        PersonCsv.Parsed p =
                read("D1,包金花,CHIFENG-RESIDENT,resident,true,,disabled,,2025-01-01,2024-12-02,"
                        + "2025-01-03,true,EV1,15042419770319064x,K1,9007199254740993,"
                        + "at_risk:2025-03-01;SUBSISTENCE:2024-01-01:2024-12-31,2026,"
                        + "admissions=1; pool_paid=2700000\n");
        assertEquals(List.of(), p.errors());
        Row r = p.rows().get(0);
        assertEquals(2, r.line());
        assertEquals("D1", r.personId());
        assertEquals(PersonStatus.RESIDENT, r.status());
        assertEquals(CrDisabled.DISABLED, r.crDisabled());
        assertEquals(List.of(true, false, false, true),
                List.of(r.civilServant(), r.medicalCare(), r.arrears(), r.student()));
        assertEquals(LocalDate.of(2024, 12, 2), r.birthDate());
        assertEquals(Map.of(1, "EV1", 2, "15042419770319064X", 3, "K1"), r.credentials());
        assertEquals(9_007_199_254_740_993L, r.accountBalance(), "exact, not through a double");
        assertEquals(
                List.of(
                        new Assistance(AssistanceCategory.AT_RISK, LocalDate.of(2025, 3, 1), null),
                        new Assistance(
                                AssistanceCategory.SUBSISTENCE,
                                LocalDate.of(2024, 1, 1),
                                LocalDate.of(2024, 12, 31))),
                r.assistance());
        assertEquals(2026, r.openingYear());
        assertEquals(Map.of(Accumulator.ADMISSIONS, 1L, Accumulator.POOL_PAID, 2_700_000L),
                r.openingAccumulators());
        long[] v = r.openingVector();
        assertEquals(1, v[Accumulator.ADMISSIONS.ordinal()]);
        assertEquals(2_700_000, v[Accumulator.POOL_PAID.ordinal()]);
        assertEquals(0, v[Accumulator.LARGE_PAID.ordinal()]);
    }

    @Test
    void everyBadAssistanceItemIsNamed() throws IOException {
        assertEquals(
                List.of(
                        "line 2, assistance: \"X\" is not CATEGORY:from:to",
                        "line 2, assistance: unknown category \"POOR\" (one of [EXTREME_POVERTY,"
                                + " SUBSISTENCE, NEAR_SUBSISTENCE, AT_RISK, ILLNESS_POVERTY])",
                        "line 2, assistance: \"SUBSISTENCE:x\": from must be a date YYYY-MM-DD",
                        "line 2, assistance: \"SUBSISTENCE:2024-01-01:y\": to must be a date"
                                + " YYYY-MM-DD or empty",
                        "line 2, assistance: \"SUBSISTENCE:2024-05-01:2024-01-01\": to is before"
                                + " from",
                        "line 2, assistance: \"AT_RISK:2024-01-01:2025-01-01\": AT_RISK from"
                                + " 2024-01-01 given twice",
                        "line 2, assistance: \"a:b:c:d\" is not CATEGORY:from:to"),
                errors(START + "EV1,,,,X;POOR:2024-01-01;SUBSISTENCE:x;SUBSISTENCE:2024-01-01:y;"
                        + "SUBSISTENCE:2024-05-01:2024-01-01;AT_RISK:2024-01-01:;"
                        + "AT_RISK:2024-01-01:2025-01-01;a:b:c:d,,\n"));
    }

    @Test
    void everyBadOpeningAccumulatorIsNamed() throws IOException {
        List<String> got =
                errors(START + "EV1,,,,,2026,admissions;bogus=1;pool_paid=x;pool_paid=-1;"
                        + "large_paid=1;large_paid=2\n");
        assertEquals(5, got.size(), got::toString);
        assertEquals("line 2, opening_accumulators: \"admissions\" is not key=value", got.get(0));
        assertEquals(
                "line 2, opening_accumulators: unknown accumulator \"bogus\" (one of admissions,"
                        + " inpatient_inscp, pool_paid,",
                got.get(1).substring(0, got.get(1).indexOf(" large_paid")));
        assertEquals(
                List.of(
                        "line 2, opening_accumulators: pool_paid: not a whole number: \"x\"",
                        "line 2, opening_accumulators: pool_paid: must be ≥ 0, got -1",
                        "line 2, opening_accumulators: large_paid given twice"),
                got.subList(2, 5));
    }

    @Test
    void theOpeningYearIsAYearAndRequiredWithOpeningAccumulators() throws IOException {
        assertEquals(List.of("line 2, opening_year: not a year: \"3000000000\""),
                errors(START + "EV1,,,,,3000000000,\n"));
        assertEquals(List.of("line 2, opening_year: must be a year 2000..2100, got 1999"),
                errors(START + "EV1,,,,,1999,\n"));
        assertEquals(
                List.of("line 2, opening_year: is required when opening_accumulators are given"),
                errors(START + "EV1,,,,,,admissions=1\n"));
    }

    @Test
    void credentialsAreCheckedByTheirOwnRules() throws IOException {
        assertEquals(
                List.of(
                        "line 2, e_voucher: must not contain spaces",
                        "line 2, id_card: ID number must be 18 characters, 17 digits and a digit"
                                + " or X (got \"12345\", 5 characters)",
                        "line 2, social_security_card: must not contain spaces"),
                errors(START + "E V,12345,S S,,,,\n"));
        assertEquals(
                List.of("line 2, e_voucher: at least one credential (e_voucher, id_card,"
                        + " social_security_card) is required"),
                errors(START + ",,,,,,\n"));
    }

    @Test
    void idsAndCredentialsGivenTwiceInAFileAreReportedOnTheLaterLine() throws IOException {
        PersonCsv.Parsed p =
                read(START + "EV1,,,,,,\n"
                        + "p1,乙,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,ev1,,,,,,\n"
                        + "P3,丙,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EV3,150102198204170317,K3,,,,\n"
                        + "P4,丁,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,ev3,150102198204170317,k3,,,,\n");
        assertEquals(
                List.of(
                        "line 3, person_id: duplicate person_id p1 (first on line 2)",
                        "line 5, e_voucher: e_voucher ev3 is also given to person P3 on line 4",
                        "line 5, id_card: id_card 150102198204170317 is also given to person P3"
                                + " on line 4",
                        "line 5, social_security_card: social_security_card k3 is also given to"
                                + " person P3 on line 4"),
                p.errors().stream().map(RowError::toString).toList());
        assertEquals(List.of("P1", "P3"), p.rows().stream().map(Row::personId).toList());
        assertEquals(4, p.records());
    }

    @Test
    void theInsuredRegionIsTheFilesOrElseThePlans() throws IOException {
        String header = HEADER.strip() + ",insuplc_admdvs\n";
        PersonCsv.Parsed p = csv.read(new StringReader(header
                + "E1,甲,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EV1,,,,,,,\n"
                + "E2,乙,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EV2,,,,,,,110105\n"
                + "W1,丙,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EV3,,,,,,,\n"
                + "R1,丁,CHIFENG-RESIDENT,RESIDENT,,,,,2025-01-01,,,,EV4,,,,,,,\n"));
        assertEquals(List.of(), p.errors());
        assertEquals(List.of("159900", "110105", "150300", "150400"),
                p.rows().stream().map(Row::insuredRegion).toList());
        // a file without the column: every person takes the plan's region
        assertEquals("150300", read("W2,丙,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EV5,,,,,,\n").rows().get(0).insuredRegion());
    }

    @Test
    void aMalformedInsuredRegionOrAPlanWithoutOneIsNamedWithItsLine() throws IOException {
        String header = HEADER.strip() + ",insuplc_admdvs\n";
        PersonCsv.Parsed p = csv.read(new StringReader(header
                + "E1,甲,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EV1,,,,,,,15990\n"
                + "E2,乙,NM-REGION-EMPLOYEE,ACTIVE,,,,,,,,,EV2,,,,,,,15A100\n"));
        assertEquals(List.of(
                "line 2, insuplc_admdvs: must be a 6-digit admin-division code (e.g. 150400), got \"15990\"",
                "line 3, insuplc_admdvs: must be a 6-digit admin-division code (e.g. 150400), got \"15A100\""),
                p.errors().stream().map(RowError::toString).toList());
        PersonCsv noRegions = new PersonCsv(EnrolmentImportTest.PLANS, Map.of());
        assertEquals(List.of("line 2, insuplc_admdvs: is required: the centre rules name no insured region for plan "
                        + "WUHAI-EMPLOYEE"),
                noRegions.read(new StringReader(HEADER + "W2,丙,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EV5,,,,,,\n")).errors()
                        .stream().map(RowError::toString).toList());
    }
}
