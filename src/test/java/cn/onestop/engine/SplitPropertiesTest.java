package cn.onestop.engine;

import cn.onestop.json.SettlementJson;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.FamilyRelation;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.parse.RuleFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the split over random but valid requests for all three plans, checked against
 * POLICY.md directly rather than against the engine's own checks ({@code SetlInfo}, {@code CapCheck}).
 * Every failure message carries the request in the JSON shape of the shared vectors, so a
 * counterexample can be replayed with {@code java -jar target/onestop.jar case FILE}.
 *
 * <p>jqwik's edge cases are off ({@code EdgeCasesMode.NONE}): mixed into these nested generators
 * they made most bills a single zero-priced line. The boundaries that matter (cap landmarks,
 * validity and version dates, zero prices and balances, ratios 0 and 10000) are generated explicitly.
 */
class SplitPropertiesTest {
    static final RuleBook BOOK = RuleFiles.loadBundled();

    static final String EMPLOYEE = "NM-REGION-EMPLOYEE";
    static final String WUHAI = "WUHAI-EMPLOYEE";
    static final String RESIDENT = "CHIFENG-RESIDENT";

    /** The visit types each plan defines (POLICY §4–6, §10.9); the others are RULE_SECTION_MISSING. */
    static final Map<String, Set<VisitType>> VISIT_TYPES = Map.of(
            EMPLOYEE, EnumSet.of(VisitType.INPATIENT, VisitType.EMERGENCY_TO_INPATIENT, VisitType.EMERGENCY_OUTPATIENT,
                    VisitType.GENERAL_OUTPATIENT, VisitType.PHARMACY),
            WUHAI, EnumSet.of(VisitType.GENERAL_OUTPATIENT, VisitType.PHARMACY),
            RESIDENT, EnumSet.of(VisitType.INPATIENT, VisitType.EMERGENCY_TO_INPATIENT,
                    VisitType.OUTPATIENT_OBSERVATION, VisitType.INJURY_OUTPATIENT));

    static final LocalDate O_FROM = LocalDate.of(2008, 7, 1);
    static final LocalDate O_TO = LocalDate.of(2014, 12, 31);
    static final LocalDate E_FROM = LocalDate.of(2023, 1, 1);
    static final LocalDate W_FROM = LocalDate.of(2022, 10, 1);
    static final LocalDate R_FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 12, 31);

    /** Landmarks of the year-to-date axes: every annual cap, threshold and boundary in the rule tables. */
    static final Map<Accumulator, long[]> LANDMARKS = new EnumMap<>(Map.ofEntries(
            Map.entry(Accumulator.ADMISSIONS, new long[] {1, 2, 3, 5}),
            Map.entry(Accumulator.INPATIENT_INSCP, new long[] {3_500_000}),
            Map.entry(Accumulator.POOL_PAID, new long[] {3_500_000, 12_000_000, 20_500_000}),
            Map.entry(Accumulator.LARGE_PAID, new long[] {10_000_000}),
            Map.entry(Accumulator.CRITICAL_BASE, new long[] {750_000, 1_500_000, 5_000_000, 10_000_000}),
            Map.entry(Accumulator.CRITICAL_PAID, new long[] {40_000_000}),
            Map.entry(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, new long[] {100_000}),
            Map.entry(Accumulator.OUTPATIENT_POOL_PAID, new long[] {400_000, 500_000}),
            Map.entry(Accumulator.SUBSIDY_OUTPATIENT_PAID, new long[] {200_000}),
            Map.entry(Accumulator.SUBSIDY_PAID, new long[] {6_500_000}),
            Map.entry(Accumulator.CARE_OUTPATIENT_BASE, new long[] {30_000, 40_000}),
            Map.entry(Accumulator.CARE_OUTPATIENT_PAID, new long[] {300_000, 350_000, 400_000, 450_000, 550_000}),
            Map.entry(Accumulator.OBSERVATION_VISITS, new long[] {1, 2, 3}),
            Map.entry(Accumulator.OBSERVATION_PAID, new long[] {20_000, 40_000}),
            Map.entry(Accumulator.INJURY_OUTPATIENT_PAID, new long[] {40_000}),
            Map.entry(Accumulator.ASSISTANCE_DEDUCTIBLE_MET, new long[] {300_000, 750_000}),
            Map.entry(Accumulator.ASSISTANCE_PAID, new long[] {6_000_000}),
            Map.entry(Accumulator.PERSONAL_BURDEN, new long[] {1_061_050, 2_122_100})));

    // ------------------------------------------------------------------------------------------
    // Properties of every settlement
    // ------------------------------------------------------------------------------------------

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void amountsAreNeverNegativeAndThePolicyIdentitiesHold(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        SetlInfo a = s.amounts();
        Supplier<String> why = explain(req, s);
        long[] all = {a.medfeeSumamt(), a.fulamtOwnpayAmt(), a.overlmtSelfpay(), a.preselfpayAmt(), a.inscpScpAmt(),
                a.actPayDedc(), a.hifpPay(), a.hifobPay(), a.hifmiPay(), a.cvlservPay(), a.mafPay(), a.fundPaySumamt(),
                a.acctPay(), a.acctMulaidPay(), a.psnCashPay(), a.psnPartAmt(), a.hospPartAmt(), a.balc(),
                a.mealAllowance()};
        for (long x : all) {
            assertTrue(x >= 0, why);
        }
        // POLICY §2
        assertEquals(a.medfeeSumamt(), a.fulamtOwnpayAmt() + a.overlmtSelfpay() + a.preselfpayAmt()
                + a.inscpScpAmt(), why);
        // POLICY §3
        assertEquals(a.fundPaySumamt(), a.hifpPay() + a.hifobPay() + a.hifmiPay() + a.cvlservPay() + a.mafPay(), why);
        assertEquals(a.psnPartAmt(), a.acctPay() + a.psnCashPay(), why);
        assertEquals(0, a.hospPartAmt(), why);
        assertEquals(a.medfeeSumamt(), a.fundPaySumamt() + a.psnPartAmt() + a.hospPartAmt(), why);
        assertTrue(a.actPayDedc() <= a.inscpScpAmt(), why);
        // funds and account pay in-policy expense only (E §18, W §4)
        assertTrue(a.fundPaySumamt() + a.acctPay() <= a.preselfpayAmt() + a.inscpScpAmt(), why);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void linesAreClassifiedAsPolicySection2Says(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        long medfee = 0;
        long fulamt = 0;
        long overlmt = 0;
        long preselfpay = 0;
        long inscp = 0;
        for (BillLine line : req.lines()) {
            long amount = line.unitPrice() * line.qty();
            medfee += amount;
            switch (line.category()) {
                case A -> inscp += amount;
                case B, BLOOD -> {
                    preselfpay += pay(amount, 1000);
                    inscp += amount - pay(amount, 1000);
                }
                case CONSUMABLE -> {
                    preselfpay += pay(amount, line.selfRatioBp());
                    inscp += amount - pay(amount, line.selfRatioBp());
                }
                case BED -> {
                    long perDay = bedCapPerDay(req);
                    long in = perDay < 0 ? amount : BigInteger.valueOf(perDay).multiply(BigInteger.valueOf(line.qty()))
                            .min(BigInteger.valueOf(amount)).longValueExact();
                    inscp += in;
                    overlmt += amount - in;
                }
                case SELF, EXCLUDED -> fulamt += amount;
            }
        }
        SetlInfo a = s.amounts();
        Supplier<String> why = explain(req, s);
        assertEquals(medfee, a.medfeeSumamt(), why);
        assertEquals(fulamt, a.fulamtOwnpayAmt(), why);
        assertEquals(overlmt, a.overlmtSelfpay(), why);
        assertEquals(preselfpay, a.preselfpayAmt(), why);
        assertEquals(inscp, a.inscpScpAmt(), why);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void theAccountPaysOnlyTheInPolicyBurdenWithinItsBalance(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        SetlInfo a = s.amounts();
        Supplier<String> why = explain(req, s);
        Person p = req.person();
        long inPolicyBurden = a.preselfpayAmt() + a.inscpScpAmt() - a.fundPaySumamt();
        long ownDebit = a.acctPay() - a.acctMulaidPay();
        assertTrue(a.acctPay() <= inPolicyBurden, why);
        assertTrue(a.acctMulaidPay() <= a.acctPay(), why);
        assertTrue(ownDebit <= p.accountBalance(), why);
        assertEquals(p.accountBalance() - ownDebit, a.balc(), why);
        assertEquals(ownDebit, s.ownAccountDebit(), why);
        assertEquals(a.acctMulaidPay(), s.familyDebit(), why);
        if (!req.visit().useAccount()) {
            assertEquals(0, a.acctPay(), why);
        }
        // family mutual aid is W §4's, only from a named family payer, within that member's balance
        if (!WUHAI.equals(req.plan()) || p.familyPayer() == null) {
            assertEquals(0, a.acctMulaidPay(), why);
        } else {
            assertTrue(a.acctMulaidPay() <= p.familyPayer().balance(), why);
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void noAnnualCapInTheRuleTableIsExceeded(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        SetlInfo a = s.amounts();
        Supplier<String> why = explain(req, s);
        RuleTable.Sections r = BOOK.find(req.plan(), req.settleDate()).sections();
        Person p = req.person();
        VisitType type = req.visit().type();
        Accumulators ytd = req.ytd();
        Accumulators delta = s.delta();

        // each fund's payment is what moves its accumulator, so the caps below bound the payments
        if (r.pool() != null) {
            assertEquals(a.hifpPay(), delta.get(Accumulator.POOL_PAID), why);
            within(r.pool().annualCap().value(), Accumulator.POOL_PAID, ytd, delta, why);
        }
        assertEquals(a.hifobPay(), delta.get(Accumulator.LARGE_PAID), why);
        if (r.largeAmount() != null) {
            within(r.largeAmount().annualCap().value(), Accumulator.LARGE_PAID, ytd, delta, why);
        }
        assertEquals(a.hifmiPay(), delta.get(Accumulator.CRITICAL_PAID), why);
        if (r.criticalIllness() != null && !holdsAnyOn(p, req.settleDate(), r.criticalIllness().reliefCategories())) {
            within(r.criticalIllness().annualCap().value(), Accumulator.CRITICAL_PAID, ytd, delta, why);
        }
        if (r.outpatientPooling() != null) {
            if (type == VisitType.GENERAL_OUTPATIENT || type == VisitType.PHARMACY) {
                assertEquals(a.hifpPay(), delta.get(Accumulator.OUTPATIENT_POOL_PAID), why);
            }
            long cap = onRetiredRow(req) ? r.outpatientPooling().annualCapRetired().value()
                    : r.outpatientPooling().annualCapActive().value();
            within(cap, Accumulator.OUTPATIENT_POOL_PAID, ytd, delta, why);
        }
        if (r.subsidy() != null) {
            assertEquals(a.cvlservPay(), delta.get(Accumulator.SUBSIDY_PAID), why);
            within(r.subsidy().outpatientAnnualCap().value(), Accumulator.SUBSIDY_OUTPATIENT_PAID, ytd, delta, why);
            if (r.subsidy().annualCap() != null) {
                within(r.subsidy().annualCap().value(), Accumulator.SUBSIDY_PAID, ytd, delta, why);
            }
        }
        if (r.careOutpatient() != null) {
            long extra = switch (p.crDisabled()) {
                case NONE -> 0;
                case DISABLED -> r.careOutpatient().disabledExtra().value();
                case DISABLED_SENIOR -> r.careOutpatient().disabledSeniorExtra().value();
            };
            within(r.careOutpatient().annualCap().value() + extra, Accumulator.CARE_OUTPATIENT_PAID, ytd, delta, why);
        }
        if (r.observation() != null) {
            within(r.observation().annualCap().value(), Accumulator.OBSERVATION_PAID, ytd, delta, why);
            within(r.observation().paidVisitsPerYear().value(), Accumulator.OBSERVATION_VISITS, ytd, delta, why);
            if (type == VisitType.OUTPATIENT_OBSERVATION) {
                assertEquals(a.hifpPay(), delta.get(Accumulator.OBSERVATION_PAID), why);
                assertTrue(a.hifpPay() <= r.observation().perVisitCap().value(), why);
            }
        }
        if (r.injury() != null) {
            within(r.injury().annualCap().value(), Accumulator.INJURY_OUTPATIENT_PAID, ytd, delta, why);
            if (type == VisitType.INJURY_OUTPATIENT) {
                assertEquals(a.hifpPay(), delta.get(Accumulator.INJURY_OUTPATIENT_PAID), why);
            }
        }
        assertEquals(a.mafPay(), delta.get(Accumulator.ASSISTANCE_PAID), why);
        RuleTable assistance = BOOK.assistance(req.settleDate());
        if (assistance != null) {
            within(assistance.sections().assistance().annualCap().value(), Accumulator.ASSISTANCE_PAID, ytd, delta,
                    why);
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void accumulatorsNeverMoveBackwards(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        for (Accumulator acc : Accumulator.values()) {
            assertTrue(s.delta().get(acc) >= 0, explain(req, s));
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void eachLayerPaysOnlyWhereThePlanAndPersonHaveIt(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        SetlInfo a = s.amounts();
        Supplier<String> why = explain(req, s);
        Person p = req.person();
        VisitType type = req.visit().type();
        boolean employee = !RESIDENT.equals(req.plan());
        if (a.hifobPay() > 0) {
            // employee large-amount, fed only by inpatient and emergency overflow (E §46)
            assertTrue(EMPLOYEE.equals(req.plan()), why);
            assertTrue(type.isInpatient() || type == VisitType.EMERGENCY_OUTPATIENT, why);
        }
        if (a.hifmiPay() > 0) {
            // resident critical illness, inpatient stays only (R §21)
            assertTrue(RESIDENT.equals(req.plan()) && type.isInpatient(), why);
        }
        if (a.cvlservPay() > 0) {
            assertTrue(EMPLOYEE.equals(req.plan()) && (p.civilServant() || p.medicalCare()), why);
        }
        if (a.mafPay() > 0) {
            assertTrue(p.holdsAssistanceOn(req.settleDate()) && BOOK.assistance(req.settleDate()) != null, why);
        }
        if (employee && p.arrears()) {
            // POLICY §3, §10.5: the insurance layers are suspended, no deductible
            assertEquals(0, a.hifpPay(), why);
            assertEquals(0, a.hifobPay(), why);
            assertEquals(0, a.cvlservPay(), why);
            assertEquals(0, a.actPayDedc(), why);
        }
        if (noPoolRuns(req)) {
            // POLICY §10.2: no pool, so no deductible and nothing counts toward one
            assertEquals(0, a.hifpPay(), why);
            assertEquals(0, a.actPayDedc(), why);
            assertEquals(0, s.delta().get(Accumulator.OUTPATIENT_DEDUCTIBLE_MET), why);
        }
        if (type == VisitType.OUTPATIENT_OBSERVATION || type == VisitType.INJURY_OUTPATIENT
                || type == VisitType.EMERGENCY_OUTPATIENT) {
            assertEquals(0, a.actPayDedc(), why); // R §18, R §25, E §22: no deductible
        }
        if (type == VisitType.OUTPATIENT_OBSERVATION
                && req.ytd().get(Accumulator.OBSERVATION_VISITS) >= 2) {
            assertEquals(0, a.hifpPay(), why); // R §18: two paid visits a year
        }
        if (!p.medicalCare() && (type == VisitType.EMERGENCY_OUTPATIENT
                || type == VisitType.PHARMACY && !req.institution().dualChannel())) {
            // E §80.1(3), POLICY §10.3: the non-care subsidy only where outpatient pooling ran
            assertEquals(0, a.cvlservPay(), why);
        }
        // meal allowance (E §37): outside the bill, days × the daily rate by filing
        long perDay = switch (req.visit().filing()) {
            case LOCAL, LONG_TERM_RESIDENCE -> 7000;
            case TEMPORARY_CROSS_PROVINCE, OUT_OF_REGION_TRIP -> 10000;
        };
        boolean meal = EMPLOYEE.equals(req.plan()) && p.crDisabled() != CrDisabled.NONE && type.isInpatient();
        assertEquals(meal ? req.visit().days() * perDay : 0, a.mealAllowance(), why);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void fundRowsAddUpToTheFundsPlusTheAccount(@ForAll("requests") SettlementRequest req) {
        Settlement s = settleOrExpectRefusal(req);
        if (s == null) {
            return;
        }
        SetlInfo a = s.amounts();
        Supplier<String> why = explain(req, s);
        Map<FundType, Long> byFund = new EnumMap<>(FundType.class);
        for (FundPayment row : s.funds()) {
            assertTrue(row.amount() > 0, why);
            assertNull(byFund.put(row.fund(), row.amount()), why);
        }
        long sum = byFund.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(a.fundPaySumamt() + a.acctPay(), sum, why);
        FundType pool = RESIDENT.equals(req.plan()) ? FundType.RESIDENT_POOL : FundType.EMPLOYEE_POOL;
        FundType otherPool = pool == FundType.RESIDENT_POOL ? FundType.EMPLOYEE_POOL : FundType.RESIDENT_POOL;
        assertEquals(a.hifpPay(), byFund.getOrDefault(pool, 0L), why);
        assertEquals(0L, byFund.getOrDefault(otherPool, 0L), why);
        assertEquals(a.hifobPay(), byFund.getOrDefault(FundType.LARGE_AMOUNT, 0L), why);
        assertEquals(a.hifmiPay(), byFund.getOrDefault(FundType.CRITICAL_ILLNESS, 0L), why);
        assertEquals(a.cvlservPay(), byFund.getOrDefault(FundType.CIVIL_SERVANT_SUBSIDY, 0L), why);
        assertEquals(a.mafPay(), byFund.getOrDefault(FundType.MEDICAL_ASSISTANCE, 0L), why);
        assertEquals(a.acctPay() - a.acctMulaidPay(), byFund.getOrDefault(FundType.PERSONAL_ACCOUNT, 0L), why);
        assertEquals(a.acctMulaidPay(), byFund.getOrDefault(FundType.FAMILY_ACCOUNT, 0L), why);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void splittingTheSameRequestTwiceGivesTheSameSettlement(@ForAll("requests") SettlementRequest req) {
        Outcome first = SplitEngine.split(req, BOOK);
        Outcome second = SplitEngine.split(req, BOOK);
        assertEquals(first, second, () -> json(req));
    }

    // ------------------------------------------------------------------------------------------
    // Refusals
    // ------------------------------------------------------------------------------------------

    /**
     * Over dates in and out of every version, every visit type, and persons of other funding
     * channels: the engine refuses exactly when POLICY §9 says, with the first applicable code.
     */
    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void refusalsAreExactlyTheExpectedCodesInPolicyOrder(@ForAll("anyRequests") SettlementRequest req) {
        Outcome outcome = SplitEngine.split(req, BOOK);
        Refusal expected = expectedRefusal(req);
        if (expected == null) {
            assertInstanceOf(Outcome.Settled.class, outcome, () -> outcome + "\n" + json(req));
        } else {
            Outcome.Refused r = assertInstanceOf(Outcome.Refused.class, outcome, () -> "expected " + expected
                    + "\n" + json(req));
            assertEquals(expected, r.code(), () -> r.reason() + "\n" + json(req));
            assertTrue(r.violations().isEmpty(), () -> json(req));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Monotonicity
    // ------------------------------------------------------------------------------------------

    /** An own-pay line is outside every fund's base: it only adds to medfee, own pay, cash and the burden. */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void addingAnOwnPayLineChangesNoFundPayment(@ForAll("requests") SettlementRequest req,
                                                @ForAll("ownPayAmounts") long amount) {
        List<BillLine> lines = new ArrayList<>(req.lines());
        lines.add(BillLine.of("extra-own-pay", Category.SELF, amount, 1));
        SettlementRequest more = new SettlementRequest(req.plan(), req.settleDate(), req.person(), req.institution(),
                req.visit(), req.ytd(), lines);
        Outcome before = SplitEngine.split(req, BOOK);
        Outcome after = SplitEngine.split(more, BOOK);
        Supplier<String> why = () -> "own-pay line of " + amount + " added to\n" + json(req);
        if (before instanceof Outcome.Refused r) {
            Outcome.Refused r2 = assertInstanceOf(Outcome.Refused.class, after, why);
            assertEquals(r.code(), r2.code(), why);
            return;
        }
        SetlInfo a = ((Outcome.Settled) before).settlement().amounts();
        Settlement s2 = assertInstanceOf(Outcome.Settled.class, after, why).settlement();
        SetlInfo b = s2.amounts();
        assertEquals(a.medfeeSumamt() + amount, b.medfeeSumamt(), why);
        assertEquals(a.fulamtOwnpayAmt() + amount, b.fulamtOwnpayAmt(), why);
        assertEquals(a.overlmtSelfpay(), b.overlmtSelfpay(), why);
        assertEquals(a.preselfpayAmt(), b.preselfpayAmt(), why);
        assertEquals(a.inscpScpAmt(), b.inscpScpAmt(), why);
        assertEquals(a.actPayDedc(), b.actPayDedc(), why);
        assertEquals(a.hifpPay(), b.hifpPay(), why);
        assertEquals(a.hifobPay(), b.hifobPay(), why);
        assertEquals(a.hifmiPay(), b.hifmiPay(), why);
        assertEquals(a.cvlservPay(), b.cvlservPay(), why);
        assertEquals(a.mafPay(), b.mafPay(), why);
        assertEquals(a.fundPaySumamt(), b.fundPaySumamt(), why);
        assertEquals(a.acctPay(), b.acctPay(), why);
        assertEquals(a.acctMulaidPay(), b.acctMulaidPay(), why);
        assertEquals(a.balc(), b.balc(), why);
        assertEquals(a.psnCashPay() + amount, b.psnCashPay(), why);
        assertEquals(a.mealAllowance(), b.mealAllowance(), why);
        // the accumulators move the same, except the monitored burden (A §8), which carries the line
        Accumulators d1 = ((Outcome.Settled) before).settlement().delta();
        Accumulators d2 = s2.delta();
        for (Accumulator acc : Accumulator.values()) {
            long extra = acc == Accumulator.PERSONAL_BURDEN ? amount : 0;
            assertEquals(d1.get(acc) + extra, d2.get(acc), () -> acc.key() + ": " + why.get());
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void raisingTheAccountBalanceNeverLowersAcctPay(@ForAll("requests") SettlementRequest req,
                                                    @ForAll("balanceRaises") long raise) {
        Person p = req.person();
        Person richer = new Person(p.status(), p.civilServant(), p.medicalCare(), p.crDisabled(), p.arrears(),
                p.assistance(), p.benefitStart(), p.birthDate(), p.enrolledOn(), p.student(),
                p.accountBalance() + raise, p.familyPayer());
        SettlementRequest more = new SettlementRequest(req.plan(), req.settleDate(), richer, req.institution(),
                req.visit(), req.ytd(), req.lines());
        Outcome before = SplitEngine.split(req, BOOK);
        Outcome after = SplitEngine.split(more, BOOK);
        Supplier<String> why = () -> "balance raised by " + raise + " in\n" + json(req);
        if (before instanceof Outcome.Refused r) {
            assertEquals(r.code(), assertInstanceOf(Outcome.Refused.class, after, why).code(), why);
            return;
        }
        SetlInfo a = ((Outcome.Settled) before).settlement().amounts();
        SetlInfo b = assertInstanceOf(Outcome.Settled.class, after, why).settlement().amounts();
        assertTrue(b.acctPay() >= a.acctPay(), why);
        assertTrue(b.psnCashPay() <= a.psnCashPay(), why);
        assertTrue(b.balc() >= a.balc(), why);
        assertEquals(a.fundPaySumamt(), b.fundPaySumamt(), why);
        assertEquals(a.mafPay(), b.mafPay(), why);
    }

    /**
     * Facts a plan has no rule for change nothing: in W the cr-disabled, civil-servant and
     * medical-care rules are E's (POLICY §5); in R so are they, and R ignores the filing (§10.8);
     * {@code tcm_drug} matters only at a TCM institution (§10.6); {@code student} only in R.
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void factsThePlanHasNoRuleForChangeNothing(@ForAll("requests") SettlementRequest req,
                                               @ForAll CrDisabled cr, @ForAll boolean flip,
                                               @ForAll Filing filing) {
        Person p = req.person();
        boolean employeePlan = EMPLOYEE.equals(req.plan());
        Person other = new Person(p.status(),
                employeePlan ? p.civilServant() : p.civilServant() ^ flip,
                employeePlan ? p.medicalCare() : p.medicalCare() ^ flip,
                employeePlan ? p.crDisabled() : cr,
                p.arrears(), p.assistance(), p.benefitStart(), p.birthDate(), p.enrolledOn(),
                RESIDENT.equals(req.plan()) ? p.student() : p.student() ^ flip, p.accountBalance(), p.familyPayer());
        Visit v = req.visit();
        Visit otherVisit = RESIDENT.equals(req.plan()) ? new Visit(v.type(), filing, v.useAccount(), v.days()) : v;
        List<BillLine> lines = req.lines();
        if (!req.institution().tcm()) {
            lines = lines.stream().map(l -> new BillLine(l.id(), l.category(), l.unitPrice(), l.qty(),
                    l.selfRatioBp(), l.tcmDrug() ^ flip, l.emergency())).toList();
        }
        SettlementRequest changed = new SettlementRequest(req.plan(), req.settleDate(), other, req.institution(),
                otherVisit, req.ytd(), lines);
        Outcome before = SplitEngine.split(req, BOOK);
        Outcome after = SplitEngine.split(changed, BOOK);
        Supplier<String> why = () -> "changed to\n" + json(changed) + "\nfrom\n" + json(req);
        if (before instanceof Outcome.Refused r) {
            assertEquals(r.code(), assertInstanceOf(Outcome.Refused.class, after, why).code(), why);
            return;
        }
        Settlement a = ((Outcome.Settled) before).settlement();
        Settlement b = assertInstanceOf(Outcome.Settled.class, after, why).settlement();
        assertEquals(a.amounts(), b.amounts(), why);
        assertEquals(a.delta(), b.delta(), why);
        assertEquals(a.flags(), b.flags(), why);
    }

    // ------------------------------------------------------------------------------------------
    // The expected outcome, independently of the engine
    // ------------------------------------------------------------------------------------------

    /** Settles, or checks that the refusal is the one the request calls for and returns null. */
    static Settlement settleOrExpectRefusal(SettlementRequest req) {
        Outcome outcome;
        try {
            outcome = SplitEngine.split(req, BOOK);
        } catch (RuntimeException e) {
            throw new AssertionError("the engine threw " + e + " on\n" + json(req), e);
        }
        Refusal expected = expectedRefusal(req);
        if (outcome instanceof Outcome.Refused r) {
            assertEquals(expected, r.code(), () -> r.reason() + "\n" + json(req));
            return null;
        }
        assertNull(expected, () -> "settled, but expected " + expected + "\n" + json(req));
        return ((Outcome.Settled) outcome).settlement();
    }

    /**
     * POLICY §9 order for generated input. The generators only produce statuses that fit the plan
     * and give every resident a {@code benefit_start}, so INVALID_ARGUMENT does not arise here.
     */
    static Refusal expectedRefusal(SettlementRequest req) {
        if (!inForce(req.plan(), req.settleDate())) {
            return Refusal.NO_RULE_VERSION;
        }
        Person p = req.person();
        if (p.status() == PersonStatus.OTHER_CHANNEL) {
            return Refusal.OTHER_FUNDING_CHANNEL;
        }
        if (!VISIT_TYPES.get(req.plan()).contains(req.visit().type())) {
            return Refusal.RULE_SECTION_MISSING;
        }
        if (RESIDENT.equals(req.plan()) && req.settleDate().isBefore(coveredFrom(p))
                && !p.holdsAssistanceOn(req.settleDate())) {
            return Refusal.NOT_ELIGIBLE;
        }
        return null;
    }

    /** POLICY §8: E from 2023-01-01, O 2008-07-01..2014-12-31; W from 2022-10-01; R from 2025-01-01. */
    static boolean inForce(String plan, LocalDate d) {
        return switch (plan) {
            case EMPLOYEE -> !d.isBefore(E_FROM) || !d.isBefore(O_FROM) && !d.isAfter(O_TO);
            case WUHAI -> !d.isBefore(W_FROM);
            case RESIDENT -> !d.isBefore(R_FROM);
            default -> throw new IllegalArgumentException(plan);
        };
    }

    /** R §11, POLICY §10.10: a newborn enrolled within 90 days (day 90 included) is covered from birth. */
    static LocalDate coveredFrom(Person p) {
        if (p.birthDate() != null && p.enrolledOn() != null
                && ChronoUnit.DAYS.between(p.birthDate(), p.enrolledOn()) <= 90
                && p.birthDate().isBefore(p.benefitStart())) {
            return p.birthDate();
        }
        return p.benefitStart();
    }

    /** POLICY §10.2: arrears, an ordinary pharmacy, W without designation, observation off PRIMARY, injury of a non-student. */
    static boolean noPoolRuns(SettlementRequest req) {
        VisitType type = req.visit().type();
        Institution i = req.institution();
        return !RESIDENT.equals(req.plan()) && req.person().arrears()
                || type == VisitType.PHARMACY && !i.dualChannel()
                || WUHAI.equals(req.plan()) && type == VisitType.GENERAL_OUTPATIENT && !i.outpatientPooling()
                || type == VisitType.OUTPATIENT_OBSERVATION && i.kind() != InstitutionKind.PRIMARY
                || type == VisitType.INJURY_OUTPATIENT && !req.person().student();
    }

    /** Settled on the retired row: retired, or an active cr-disabled person where E §36 applies. */
    static boolean onRetiredRow(SettlementRequest req) {
        return req.person().status() == PersonStatus.RETIRED
                || req.person().crDisabled() != CrDisabled.NONE && EMPLOYEE.equals(req.plan());
    }

    static boolean holdsAnyOn(Person p, LocalDate d, Set<AssistanceCategory> categories) {
        for (AssistanceIdentity a : p.assistance()) {
            if (categories.contains(a.category()) && !d.isBefore(a.from()) && (a.to() == null || !d.isAfter(a.to()))) {
                return true;
            }
        }
        return false;
    }

    /** E §21 daily bed caps, NM-REGION-EMPLOYEE only; -1 where the plan states none. */
    static long bedCapPerDay(SettlementRequest req) {
        if (!EMPLOYEE.equals(req.plan())) {
            return -1;
        }
        if (req.person().medicalCare()) {
            return 10000;
        }
        return switch (req.institution().level()) {
            case 3 -> 4000;
            case 2 -> 3000;
            default -> 2000;
        };
    }

    /** {@code ytd + delta ≤ max(cap, ytd)}, i.e. {@code delta ≤ max(0, cap − ytd)}. */
    static void within(long cap, Accumulator acc, Accumulators ytd, Accumulators delta, Supplier<String> why) {
        long room = Math.max(0, cap - ytd.get(acc));
        assertTrue(delta.get(acc) <= room, () -> acc.key() + " moved by " + delta.get(acc) + " with " + room
                + " left of " + cap + "\n" + why.get());
    }

    /** {@code round_half_up(x × r / 10000)} (POLICY §1), in exact arithmetic. */
    static long pay(long x, int r) {
        return BigInteger.valueOf(x).multiply(BigInteger.valueOf(r)).add(BigInteger.valueOf(5000))
                .divide(BigInteger.valueOf(10000)).longValueExact();
    }

    // ------------------------------------------------------------------------------------------
    // Generators
    // ------------------------------------------------------------------------------------------

    /** Requests the plans can settle: dates in force, visit types the plan defines, statuses that fit. */
    @Provide
    Arbitrary<SettlementRequest> requests() {
        return requests(false);
    }

    /** Also dates out of force, every visit type and persons of other funding channels. */
    @Provide
    Arbitrary<SettlementRequest> anyRequests() {
        return requests(true);
    }

    @Provide
    Arbitrary<Long> ownPayAmounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(1, 500_000)),
                Tuple.of(3, Arbitraries.longs().between(1, 100_000_000)),
                Tuple.of(1, Arbitraries.longs().between(0, 1_000_000_000_000L)));
    }

    @Provide
    Arbitrary<Long> balanceRaises() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 500_000)),
                Tuple.of(2, Arbitraries.longs().between(0, 100_000_000_000L)));
    }

    static Arbitrary<SettlementRequest> requests(boolean wide) {
        return Arbitraries.of(EMPLOYEE, WUHAI, RESIDENT).flatMap(plan -> settleDates(plan, wide).flatMap(date ->
                Combinators.combine(persons(plan, date, wide), institutions(), visits(plan, wide), ytds(), lines())
                        .as((person, inst, visit, ytd, lines) ->
                                new SettlementRequest(plan, date, person, inst, visit, ytd, lines))));
    }

    static Arbitrary<LocalDate> settleDates(String plan, boolean wide) {
        if (wide) {
            return switch (plan) {
                case EMPLOYEE -> Arbitraries.oneOf(
                        dates(LocalDate.of(2005, 1, 1), LAST),
                        Arbitraries.of(O_FROM.minusDays(1), O_FROM, O_TO, O_TO.plusDays(1), E_FROM.minusDays(1),
                                E_FROM));
                case WUHAI -> Arbitraries.oneOf(dates(LocalDate.of(2021, 6, 1), LAST),
                        Arbitraries.of(W_FROM.minusDays(1), W_FROM));
                default -> Arbitraries.oneOf(dates(LocalDate.of(2024, 6, 1), LAST),
                        Arbitraries.of(R_FROM.minusDays(1), R_FROM));
            };
        }
        return switch (plan) {
            case EMPLOYEE -> Arbitraries.frequencyOf(
                    Tuple.of(6, dates(E_FROM, LAST)),
                    Tuple.of(3, dates(O_FROM, O_TO)),
                    Tuple.of(1, Arbitraries.of(O_FROM, O_TO, E_FROM)));
            case WUHAI -> dates(W_FROM, LAST);
            default -> dates(R_FROM, LAST);
        };
    }

    static Arbitrary<LocalDate> dates(LocalDate from, LocalDate to) {
        return Arbitraries.longs().between(from.toEpochDay(), to.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    static Arbitrary<LocalDate> around(LocalDate date, int daysBefore, int daysAfter) {
        return Arbitraries.integers().between(-daysBefore, daysAfter).map(date::plusDays);
    }

    /** The yes/no facts of a person, generated together to keep the combinators short. */
    record Facts(boolean civilServant, boolean medicalCare, boolean arrears, boolean student) {
    }

    /** Resident eligibility dates (R §11); all null for employees. */
    record Enrolment(LocalDate benefitStart, LocalDate birthDate, LocalDate enrolledOn) {
    }

    static Arbitrary<Person> persons(String plan, LocalDate date, boolean wide) {
        List<PersonStatus> statuses = new ArrayList<>(RESIDENT.equals(plan)
                ? List.of(PersonStatus.RESIDENT) : List.of(PersonStatus.ACTIVE, PersonStatus.RETIRED));
        Arbitrary<PersonStatus> status = wide
                ? Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(statuses)),
                Tuple.of(1, Arbitraries.just(PersonStatus.OTHER_CHANNEL)))
                : Arbitraries.of(statuses);
        Arbitrary<Boolean> rarely = Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
        Arbitrary<Facts> facts = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                rarely, Arbitraries.of(true, false)).as(Facts::new);
        Arbitrary<List<AssistanceIdentity>> assistance = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<AssistanceIdentity>of())),
                Tuple.of(2, assistanceIdentities(date).list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<Long> balance = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0L)),
                Tuple.of(5, Arbitraries.longs().between(0, 500_000)),
                Tuple.of(2, Arbitraries.longs().between(0, 10_000_000_000L)));
        Arbitrary<FamilyPayer> family = Combinators.combine(Arbitraries.of(FamilyRelation.class), balance)
                .as(FamilyPayer::new).injectNull(WUHAI.equals(plan) ? 0.5 : 0.9);
        return Combinators.combine(status, facts, Arbitraries.of(CrDisabled.class), assistance,
                        enrolments(plan, date), balance, family)
                .as((st, f, cr, aid, e, bal, fam) -> new Person(st, f.civilServant(), f.medicalCare(), cr,
                        f.arrears(), aid, e.benefitStart(), e.birthDate(), e.enrolledOn(), f.student(), bal, fam));
    }

    /** Identities valid, expiring, not yet valid or open-ended around the settlement date (A §15). */
    static Arbitrary<AssistanceIdentity> assistanceIdentities(LocalDate date) {
        Arbitrary<LocalDate> from = Arbitraries.oneOf(Arbitraries.of(date, date.plusDays(1)), around(date, 900, 40));
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)),               // open: to = null
                Tuple.of(3, Arbitraries.integers().between(0, 900)));
        return Combinators.combine(Arbitraries.of(AssistanceCategory.class), from, length)
                .as((c, f, len) -> new AssistanceIdentity(c, f, len < 0 ? null : f.plusDays(len)));
    }

    static Arbitrary<Enrolment> enrolments(String plan, LocalDate date) {
        if (!RESIDENT.equals(plan)) {
            return Arbitraries.just(new Enrolment(null, null, null));
        }
        Arbitrary<LocalDate> start = Arbitraries.frequencyOf(
                Tuple.of(6, around(date, 800, 0)),
                Tuple.of(1, Arbitraries.of(date, date.plusDays(1))),
                Tuple.of(2, around(date, 0, 120)));
        Arbitrary<Enrolment> adult = start.map(s -> new Enrolment(s, null, null));
        Arbitrary<Enrolment> newborn = Combinators.combine(start, around(date, 400, 0),
                        Arbitraries.oneOf(Arbitraries.of(89, 90, 91), Arbitraries.integers().between(0, 150)))
                .as((s, born, enrolDays) -> new Enrolment(s, born, born.plusDays(enrolDays)));
        return Arbitraries.frequencyOf(Tuple.of(3, adult), Tuple.of(1, newborn));
    }

    static Arbitrary<Institution> institutions() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(Grade.class),
                        Arbitraries.of(InstitutionKind.class), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(Institution::new);
    }

    static Arbitrary<Visit> visits(String plan, boolean wide) {
        Arbitrary<VisitType> type = wide ? Arbitraries.of(VisitType.class) : Arbitraries.of(VISIT_TYPES.get(plan));
        return Combinators.combine(type, Arbitraries.of(Filing.class), Arbitraries.of(true, false),
                        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                                Tuple.of(6, Arbitraries.integers().between(1, 120)),
                                Tuple.of(1, Arbitraries.just(Integer.MAX_VALUE))))
                .as(Visit::new);
    }

    /** Year-to-date state: mostly zero or small, often near or past a cap, sometimes huge. */
    static Arbitrary<Accumulators> ytds() {
        List<Arbitrary<Long>> each = new ArrayList<>();
        for (Accumulator acc : Accumulator.values()) {
            each.add(ytdValue(LANDMARKS.get(acc)));
        }
        return Combinators.combine(each).as(values -> Accumulators.of(values.stream().mapToLong(Long::longValue)
                .toArray()));
    }

    static Arbitrary<Long> ytdValue(long[] landmarks) {
        Arbitrary<Long> landmark = Arbitraries.of(Arrays.stream(landmarks).boxed().toList());
        Arbitrary<Long> near = Combinators.combine(landmark, Arbitraries.longs().between(-3000, 3000))
                .as((l, d) -> Math.max(0, l + d));
        Arbitrary<Long> around = Combinators.combine(landmark, Arbitraries.longs().between(-2_000_000, 2_000_000))
                .as((l, d) -> Math.max(0, l + d));
        Arbitrary<Long> above = Combinators.combine(landmark, Arbitraries.longs().between(1, 3))
                .as((l, k) -> l * k + 1);
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(0L)),
                Tuple.of(4, Arbitraries.longs().between(0, 200_000)),
                Tuple.of(2, landmark),
                Tuple.of(3, near),
                Tuple.of(2, around),
                Tuple.of(1, above),
                Tuple.of(1, Arbitraries.longs().between(1_000_000_000L, 1_000_000_000_000_000L)),
                Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE - 1000, Long.MAX_VALUE)));
    }

    record PriceQty(long unitPrice, long qty) {
    }

    /** 1..40 lines of every category; amounts mostly ordinary, sometimes large, rarely huge. */
    static Arbitrary<List<BillLine>> lines() {
        Arbitrary<PriceQty> amounts = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 5).map(q -> new PriceQty(0, q))),
                Tuple.of(82, Combinators.combine(Arbitraries.longs().between(0, 300_000),
                        Arbitraries.longs().between(1, 10)).as(PriceQty::new)),
                Tuple.of(10, Combinators.combine(Arbitraries.longs().between(0, 50_000_000),
                        Arbitraries.longs().between(1, 3)).as(PriceQty::new)),
                Tuple.of(4, Combinators.combine(Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.longs().between(1, 1000)).as(PriceQty::new)),
                // 40 such lines still fit in int64: 40 × MAX/64 < MAX
                Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE / 64).map(p -> new PriceQty(p, 1))));
        Arbitrary<Integer> ratio = Arbitraries.oneOf(Arbitraries.of(0, 1, 5000, 9999, 10000),
                Arbitraries.integers().between(0, 10_000));
        Arbitrary<BillLine> line = Combinators.combine(Arbitraries.of(Category.class), amounts, ratio,
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((c, pq, r, tcm, emergency) -> new BillLine("x", c, pq.unitPrice(), pq.qty(),
                        c == Category.CONSUMABLE ? r : BillLine.NO_RATIO, tcm, emergency));
        return line.list().ofMinSize(1).ofMaxSize(40).map(ls -> {
            List<BillLine> out = new ArrayList<>(ls.size());
            for (int i = 0; i < ls.size(); i++) {
                BillLine l = ls.get(i);
                out.add(new BillLine("l" + i, l.category(), l.unitPrice(), l.qty(), l.selfRatioBp(), l.tcmDrug(),
                        l.emergency()));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------
    // Counterexamples in the vectors' JSON shape
    // ------------------------------------------------------------------------------------------

    static Supplier<String> explain(SettlementRequest req, Settlement s) {
        return () -> "settlement " + s.amounts() + " delta " + s.delta() + "\nrequest:\n" + json(req);
    }

    static String json(SettlementRequest req) {
        ObjectNode o = SettlementJson.mapper().createObjectNode();
        o.put("plan", req.plan());
        o.put("settle_date", req.settleDate().toString());
        Person p = req.person();
        ObjectNode person = o.putObject("person");
        person.put("status", p.status().name());
        person.put("civil_servant", p.civilServant());
        person.put("medical_care", p.medicalCare());
        person.put("cr_disabled", p.crDisabled().name());
        person.put("arrears", p.arrears());
        ArrayNode aid = person.putArray("assistance");
        for (AssistanceIdentity a : p.assistance()) {
            ObjectNode n = aid.addObject().put("category", a.category().name()).put("from", a.from().toString());
            if (a.to() == null) {
                n.putNull("to");
            } else {
                n.put("to", a.to().toString());
            }
        }
        putDate(person, "benefit_start", p.benefitStart());
        putDate(person, "birth_date", p.birthDate());
        putDate(person, "enrolled_on", p.enrolledOn());
        person.put("student", p.student());
        person.put("account_balance", p.accountBalance());
        if (p.familyPayer() != null) {
            person.putObject("family_payer").put("relation", p.familyPayer().relation().name())
                    .put("balance", p.familyPayer().balance());
        }
        Institution i = req.institution();
        o.putObject("institution").put("level", i.level()).put("grade", i.grade().name())
                .put("kind", i.kind().name()).put("tcm", i.tcm()).put("dual_channel", i.dualChannel())
                .put("outpatient_pooling", i.outpatientPooling());
        Visit v = req.visit();
        o.putObject("visit").put("type", v.type().name()).put("filing", v.filing().name())
                .put("use_account", v.useAccount()).put("days", v.days());
        ObjectNode ytd = o.putObject("ytd");
        req.ytd().nonZero().forEach((k, x) -> ytd.put(k.key(), x));
        ArrayNode lines = o.putArray("lines");
        for (BillLine l : req.lines()) {
            ObjectNode n = lines.addObject().put("id", l.id()).put("category", l.category().name())
                    .put("unit_price", l.unitPrice()).put("qty", l.qty());
            if (l.selfRatioBp() != BillLine.NO_RATIO) {
                n.put("self_ratio_bp", l.selfRatioBp());
            }
            if (l.tcmDrug()) {
                n.put("tcm_drug", true);
            }
            if (l.emergency()) {
                n.put("emergency", true);
            }
        }
        try {
            return SettlementJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (Exception e) {
            return req.toString();
        }
    }

    private static void putDate(ObjectNode n, String name, LocalDate d) {
        if (d != null) {
            n.put(name, d.toString());
        }
    }
}
