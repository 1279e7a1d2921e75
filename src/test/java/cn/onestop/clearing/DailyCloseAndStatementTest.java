package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.engine.Money;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.onestop.clearing.ClearingFixture.HOHHOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 日结 and the E §50 monthly statement over the test month. */
class DailyCloseAndStatementTest {
    static TestMonth m;
    static final LocalDate JUNE_2 = LocalDate.of(2025, 6, 2);
    static final LocalDate JUNE_3 = LocalDate.of(2025, 6, 3);
    static final YearMonth JUNE = YearMonth.of(2025, 6);

    @BeforeAll
    static void month() throws Exception {
        m = new TestMonth("clearing_close");
    }

    @AfterAll
    static void stop() {
        m.f.close();
    }

    private static Map<TestMonth.Key, DayClose.Group> groups(DayClose d) {
        Map<TestMonth.Key, DayClose.Group> out = new TreeMap<>();
        d.groups().forEach(g -> out.put(new TestMonth.Key(g.insuranceType(), g.clearingType(), g.category()), g));
        return out;
    }

    @Test
    void aDayClosesOnlyOnceItsGraceHasPassed() {
        assertEquals(Reason.DAY_NOT_OVER, ((Result.Failed<DayClose>) m.tooEarly).failure().reason());
        Result<DayClose> today = m.f.clearing.closeDay().close(ClearingFixture.at(HOHHOT), HOHHOT,
                LocalDate.of(2025, 7, 1));
        assertEquals(Reason.DAY_NOT_OVER, ((Result.Failed<DayClose>) today).failure().reason());
    }

    @Test
    void aCloseIsInTheAuditTrailUnderTheInstitutionThatClosedIt() throws Exception {
        assertEquals(1, m.f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'CLOSE_DAY' AND actor = '" + HOHHOT
                + "' AND role = 'INSTITUTION' AND subject = '" + HOHHOT + "/2025-06-02'"));
    }

    @Test
    void anotherInstitutionOrAClearingNodeCannotCloseTheDay() {
        Result<DayClose> other = m.f.clearing.closeDay().close(ClearingFixture.at(ClearingFixture.WUHAI), HOHHOT,
                LocalDate.of(2025, 6, 3));
        assertEquals(Reason.INSTITUTION_MISMATCH, ((Result.Failed<DayClose>) other).failure().reason());
        Result<DayClose> node = m.f.clearing.closeDay().close(ClearingFixture.node("150100"), HOHHOT,
                LocalDate.of(2025, 6, 3));
        assertEquals(Reason.ROLE_NOT_PERMITTED, ((Result.Failed<DayClose>) node).failure().reason());
    }

    @Test
    void theFirstDayClosesWithItsSettlementsByInsuranceTypeClearingTypeAndCategory() {
        DayClose d = m.firstClose;
        assertEquals(5, d.settlements());
        assertEquals(0, d.reversals());
        Map<TestMonth.Key, Figures> expected = m.expected(List.of("s1", "s2", "s3", "s4", "s5"), List.of());
        assertEquals(expected.keySet(), groups(d).keySet());
        assertEquals(List.of(
                new TestMonth.Key(InsuranceType.EMPLOYEE_BASIC, ClearingType.OUTPATIENT, ClearingCategory.LOCAL),
                new TestMonth.Key(InsuranceType.EMPLOYEE_BASIC, ClearingType.OUTPATIENT, ClearingCategory.IN_PROVINCE),
                new TestMonth.Key(InsuranceType.EMPLOYEE_BASIC, ClearingType.INPATIENT, ClearingCategory.LOCAL),
                new TestMonth.Key(InsuranceType.RESIDENT_BASIC, ClearingType.INPATIENT, ClearingCategory.IN_PROVINCE)),
                d.groups().stream().map(g -> new TestMonth.Key(g.insuranceType(), g.clearingType(), g.category()))
                        .toList(), "in the order of the codes: 310 before 390, 11 before 21");
        groups(d).forEach((k, g) -> TestMonth.assertFigures(expected.get(k), g));
        DayClose.Group stays = groups(d).get(new TestMonth.Key(InsuranceType.EMPLOYEE_BASIC, ClearingType.INPATIENT,
                ClearingCategory.LOCAL));
        assertEquals(2, stays.settlements(), "s1, and s5 at 23:59:59.5");
        assertEquals(701_234 + 1_234, stays.medfeeSumamt(), "500,000 + 200,000 of items and 1,234 own pay each");
        Map<String, Long> funds = m.funds(List.of("s1", "s5"), List.of());
        stays.funds().forEach(t -> assertEquals(funds.get(t.fundType()), t.amount(), t.fundType()));
        assertEquals(funds.keySet().size(), stays.funds().size());
        assertTrue(funds.containsKey("310100") && funds.containsKey("310200"), "pool and account");
    }

    @Test
    void aReversalAfterTheCloseLandsInTheDayItIsMadeAndTheClosedDayAnswersAsClosed() {
        DayClose again = m.f.clearing.closeDay().close(ClearingFixture.at(HOHHOT), HOHHOT, JUNE_2).value();
        assertEquals(m.firstClose, again, "closing twice answers the same stored close");
        DayClose d3 = m.f.clearing.closeDay().close(ClearingFixture.at(HOHHOT), HOHHOT, JUNE_3).value();
        assertEquals(1, d3.settlements(), "s6, dated 2025-06-02 but committed on the 3rd");
        assertEquals(2, d3.reversals(), "of s2 and of s1, both made after the 2nd closed");
        Map<TestMonth.Key, Figures> expected = m.expected(List.of("s6"), List.of("r1", "r2"));
        groups(d3).forEach((k, g) -> TestMonth.assertFigures(expected.get(k), g));
        DayClose.Group outpatient = groups(d3).get(new TestMonth.Key(InsuranceType.EMPLOYEE_BASIC,
                ClearingType.OUTPATIENT, ClearingCategory.LOCAL));
        assertEquals(-1, outpatient.net());
        assertEquals(-m.amounts("s2").medfeeSumamt(), outpatient.medfeeSumamt());
    }

    @Test
    void theStatementNetsTheMonthsReversalsAndAdvancesNinetyPercentOfTheRegionLevelPlansInpatientPool() {
        List<String> settlements = List.of("s1", "s2", "s3", "s4", "s5", "s6", "s9");
        List<String> reversals = List.of("r1", "r2");
        MonthStatement st = m.f.clearing.statements().statement(ClearingFixture.at(HOHHOT), HOHHOT, JUNE).value();
        assertEquals(7, st.settlements());
        assertEquals(2, st.reversals());
        Map<String, Long> funds = m.funds(settlements, reversals);
        Map<String, Long> got = new TreeMap<>();
        st.funds().forEach(t -> got.put(t.fundType(), t.amount()));
        assertEquals(funds, got);
        assertTrue(got.containsKey("390100"), "the Chifeng resident's pool");
        long pool = m.amounts("s5").hifpPay() + m.amounts("s6").hifpPay() + m.amounts("s9").hifpPay();
        assertTrue(pool > 0);
        assertEquals(1, st.advances().size());
        MonthStatement.PlanAdvance a = st.advances().get(0);
        assertEquals("NM-REGION-EMPLOYEE", a.plan());
        assertEquals(pool, a.advance().generalInpatientPool(), "s1 and its reversal net out; s10 is July's");
        assertEquals(Money.pay(pool, 9000), a.advance().advanced());
        assertEquals(pool - Money.pay(pool, 9000), st.withheld());
        assertEquals("E §50", a.advance().ratio().source());
        assertEquals(st.fundPaySumamt() + st.acctPay() - st.withheld(), st.payable());
        assertEquals("CENTRE-SETTLEMENT@2023-01-01", st.centreRules());
    }

    @Test
    void theStatementIsTheSumOfTheMonthsDailyClosesAndOnceIssuedItIsFixed() throws Exception {
        MonthStatement st = m.f.clearing.statements().statement(ClearingFixture.at(HOHHOT), HOHHOT, JUNE).value();
        Map<String, Long> fromCloses = new TreeMap<>();
        for (LocalDate d = JUNE.atDay(1); !d.isAfter(JUNE.atEndOfMonth()); d = d.plusDays(1)) {
            for (DayClose.Group g : m.f.clearing.closeDay().close(ClearingFixture.at(HOHHOT), HOHHOT, d).value().groups()) {
                g.funds().forEach(t -> fromCloses.merge(t.fundType(), t.amount(), Long::sum));
            }
        }
        Map<String, Long> fromStatement = new TreeMap<>();
        st.funds().forEach(t -> fromStatement.put(t.fundType(), t.amount()));
        assertEquals(fromStatement, fromCloses);
        // a reversal in July of a June settlement changes July, not the issued June
        m.f.clock.set("2025-07-02T10:00:00");
        try {
            m.f.reverse(HOHHOT, m.id("s9"), "rv9");
            assertEquals(st, m.f.clearing.statements().statement(ClearingFixture.at(HOHHOT), HOHHOT, JUNE).value());
            assertEquals(1, m.f.count("SELECT COUNT(*) FROM statements"));
        } finally {
            m.f.clock.set("2025-07-01T00:02:00");
        }
    }

    @Test
    void julysStatementIsNotReadyInJulyAndTheCsvCarriesEveryItem() {
        Result<MonthStatement> july = m.f.clearing.statements().statement(ClearingFixture.at(HOHHOT), HOHHOT, YearMonth.of(2025, 7));
        assertEquals(Reason.MONTH_NOT_OVER, ((Result.Failed<MonthStatement>) july).failure().reason());
        MonthStatement st = m.f.clearing.statements().statement(ClearingFixture.at(HOHHOT), HOHHOT, JUNE).value();
        String csv = StatementCsv.write(st);
        assertTrue(csv.startsWith(StatementCsv.HEADER + "\n"));
        assertTrue(csv.contains("H15010500001,202506,WITHHELD,,NM-REGION-EMPLOYEE,," + st.withheld() + ","
                + Yuan.format(st.withheld()) + ",9000,E §50\n"), csv);
        assertTrue(csv.contains("H15010500001,202506,PAYABLE,,,," + st.payable() + ","), csv);
        assertEquals(st.funds().size() + 4 + 3 + 1 + 1, csv.split("\n").length);
    }
}
