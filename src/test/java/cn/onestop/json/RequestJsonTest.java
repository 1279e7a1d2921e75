package cn.onestop.json;

import cn.onestop.cases.CaseRunner;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input (POLICY §9, §10.9): every problem is INVALID_ARGUMENT naming the field by its path,
 * both from {@link RequestJson#parse} and from the case runner; and when a request has two
 * problems at once, the first in the POLICY §9 order is reported.
 */
class RequestJsonTest {
    static final ObjectMapper JSON = SettlementJson.mapper();
    static final RuleBook BOOK = RuleFiles.loadBundled();
    static final CaseRunner RUNNER = new CaseRunner(BOOK, false);

    /** The shape of vector P01 (active employee, first admission at a 3A hospital), which settles. */
    static ObjectNode valid() {
        ObjectNode r = JSON.createObjectNode();
        r.put("plan", "NM-REGION-EMPLOYEE");
        r.put("settle_date", "2025-03-10");
        ObjectNode person = r.putObject("person");
        person.put("status", "ACTIVE");
        person.put("civil_servant", false);
        person.put("medical_care", false);
        person.put("cr_disabled", "NONE");
        person.put("arrears", false);
        person.putArray("assistance");
        person.put("account_balance", 300000);
        ObjectNode inst = r.putObject("institution");
        inst.put("level", 3);
        inst.put("grade", "A");
        inst.put("kind", "HOSPITAL");
        inst.put("tcm", false);
        inst.put("dual_channel", false);
        inst.put("outpatient_pooling", true);
        ObjectNode visit = r.putObject("visit");
        visit.put("type", "INPATIENT");
        visit.put("filing", "LOCAL");
        visit.put("use_account", true);
        r.putObject("ytd");
        ArrayNode lines = r.putArray("lines");
        line(lines, "drugA", "A", 1250000, 1);
        line(lines, "drugB", "B", 480000, 1);
        line(lines, "bed", "BED", 6000, 10);
        line(lines, "stent", "CONSUMABLE", 300000, 1).put("self_ratio_bp", 2000);
        line(lines, "vitamins", "SELF", 35000, 1);
        return r;
    }

    /** A resident of CHIFENG-RESIDENT, covered since the plan started, at a level-2 hospital. */
    static ObjectNode validResident() {
        ObjectNode r = valid();
        r.put("plan", "CHIFENG-RESIDENT");
        person(r).put("status", "RESIDENT").put("benefit_start", "2025-01-01");
        institution(r).put("level", 2);
        return r;
    }

    static ObjectNode line(ArrayNode lines, String id, String category, long unitPrice, long qty) {
        return lines.addObject().put("id", id).put("category", category).put("unit_price", unitPrice).put("qty", qty);
    }

    static ObjectNode person(ObjectNode r) {
        return (ObjectNode) r.get("person");
    }

    static ObjectNode institution(ObjectNode r) {
        return (ObjectNode) r.get("institution");
    }

    static ObjectNode visit(ObjectNode r) {
        return (ObjectNode) r.get("visit");
    }

    static ObjectNode lineAt(ObjectNode r, int i) {
        return (ObjectNode) r.get("lines").get(i);
    }

    static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode r = valid();
        change.accept(r);
        return r;
    }

    // ------------------------------------------------------------------------------------------
    // Assertions
    // ------------------------------------------------------------------------------------------

    /** The parser refuses the request naming exactly {@code field}, and so does the case runner. */
    static void refusedNaming(String field, JsonNode request) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> RequestJson.parse(request),
                () -> "accepted: " + request);
        assertEquals(List.of(field), fields(e.violations()), e::getMessage);
        runnerRefusesNaming(field, request);
    }

    /** The case runner (parser, then engine) answers INVALID_ARGUMENT naming exactly {@code field}. */
    static void runnerRefusesNaming(String field, JsonNode request) {
        ObjectNode out = RUNNER.evaluate(request);
        assertEquals("INVALID_ARGUMENT", out.path("error").asText(), out::toString);
        JsonNode violations = out.get("field_violations");
        assertNotNull(violations, out::toString);
        List<String> named = new ArrayList<>();
        violations.forEach(v -> named.add(v.get("field").asText()));
        assertEquals(List.of(field), named, out::toString);
    }

    /** The case runner refuses with {@code code}, which is not INVALID_ARGUMENT. */
    static void runnerRefusesWith(String code, JsonNode request) {
        ObjectNode out = RUNNER.evaluate(request);
        assertEquals(code, out.path("error").asText(), out::toString);
        assertFalse(out.has("field_violations"), out::toString);
    }

    static List<String> fields(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::field).toList();
    }

    // ------------------------------------------------------------------------------------------
    // The baseline
    // ------------------------------------------------------------------------------------------

    @Test
    void theBaselineRequestsParseAndSettle() {
        SettlementRequest req = RequestJson.parse(valid());
        assertEquals(5, req.lines().size());
        ObjectNode out = RUNNER.evaluate(valid());
        assertFalse(out.has("error"), out::toString);
        assertEquals(2125000, out.get("medfee_sumamt").asLong());
        assertEquals(1616700, out.get("hifp_pay").asLong());
        ObjectNode resident = RUNNER.evaluate(validResident());
        assertFalse(resident.has("error"), resident::toString);
    }

    // ------------------------------------------------------------------------------------------
    // Lines
    // ------------------------------------------------------------------------------------------

    @Test
    void negativeUnitPriceIsRefusedNamingTheLine() {
        refusedNaming("lines[1].unit_price", with(r -> lineAt(r, 1).put("unit_price", -1)));
    }

    @Test
    void zeroQuantityIsRefusedNamingTheLine() {
        refusedNaming("lines[1].qty", with(r -> lineAt(r, 1).put("qty", 0)));
    }

    @Test
    void negativeQuantityIsRefusedNamingTheLine() {
        refusedNaming("lines[2].qty", with(r -> lineAt(r, 2).put("qty", -3)));
    }

    @Test
    void fractionalAmountIsRefusedNamingTheField() {
        refusedNaming("lines[0].unit_price", with(r -> lineAt(r, 0).put("unit_price", new BigDecimal("12.5"))));
        refusedNaming("lines[0].unit_price", with(r -> lineAt(r, 0).put("unit_price", 12.5d)));
    }

    @Test
    void fractionalQuantityIsRefusedNamingTheField() {
        refusedNaming("lines[4].qty", with(r -> lineAt(r, 4).put("qty", 1.5d)));
    }

    @Test
    void amountGivenAsTextIsRefusedNamingTheField() {
        refusedNaming("lines[0].unit_price", with(r -> lineAt(r, 0).put("unit_price", "1250000")));
    }

    @Test
    void unknownCategoryIsRefusedNamingTheLine() {
        refusedNaming("lines[3].category", with(r -> lineAt(r, 3).put("category", "C")));
    }

    @Test
    void lowerCaseCategoryIsUnknown() {
        refusedNaming("lines[0].category", with(r -> lineAt(r, 0).put("category", "a")));
    }

    @Test
    void consumableWithoutSelfRatioIsRefusedNamingTheRatio() {
        refusedNaming("lines[3].self_ratio_bp", with(r -> lineAt(r, 3).remove("self_ratio_bp")));
    }

    @Test
    void consumableSelfRatioAboveTenThousandIsRefused() {
        refusedNaming("lines[3].self_ratio_bp", with(r -> lineAt(r, 3).put("self_ratio_bp", 10001)));
    }

    @Test
    void negativeSelfRatioIsRefused() {
        refusedNaming("lines[3].self_ratio_bp", with(r -> lineAt(r, 3).put("self_ratio_bp", -1)));
    }

    @Test
    void selfRatioAtItsBoundsIsAccepted() {
        RequestJson.parse(with(r -> lineAt(r, 3).put("self_ratio_bp", 0)));
        RequestJson.parse(with(r -> lineAt(r, 3).put("self_ratio_bp", 10000)));
    }

    @Test
    void lineWithoutIdIsRefusedNamingTheId() {
        refusedNaming("lines[0].id", with(r -> lineAt(r, 0).remove("id")));
    }

    @Test
    void lineThatIsNotAnObjectIsRefusedNamingTheLine() {
        refusedNaming("lines[2]", with(r -> ((ArrayNode) r.get("lines")).set(2, JSON.getNodeFactory().textNode("x"))));
    }

    @Test
    void unitPriceTimesQuantityOverflowingInt64IsRefusedNamingTheLine() {
        refusedNaming("lines[0].qty", with(r -> lineAt(r, 0).put("unit_price", Long.MAX_VALUE / 2).put("qty", 3)));
    }

    @Test
    void billWhoseTotalOverflowsInt64IsRefusedNamingTheLineThatOverflows() {
        long half = Long.MAX_VALUE / 2 + 1;
        refusedNaming("lines[1].unit_price", with(r -> {
            lineAt(r, 0).put("unit_price", half);
            lineAt(r, 1).put("unit_price", half);
        }));
    }

    @Test
    void billThatJustFitsInInt64IsAccepted() {
        ObjectNode r = valid();
        ArrayNode lines = r.putArray("lines");
        line(lines, "a", "A", Long.MAX_VALUE / 2, 1);
        line(lines, "b", "SELF", Long.MAX_VALUE / 2 + 1, 1);
        assertEquals(2, RequestJson.parse(r).lines().size());
        assertFalse(RUNNER.evaluate(r).has("error"));
    }

    @Test
    void amountBeyondInt64IsRefusedNamingTheField() {
        refusedNaming("lines[0].unit_price", with(r -> lineAt(r, 0).put("unit_price",
                new java.math.BigInteger("9223372036854775808"))));
    }

    @Test
    void missingLinesAreRefused() {
        refusedNaming("lines", with(r -> r.remove("lines")));
    }

    @Test
    void emptyLinesAreRefused() {
        refusedNaming("lines", with(r -> r.putArray("lines")));
    }

    // ------------------------------------------------------------------------------------------
    // The request, the visit and the institution
    // ------------------------------------------------------------------------------------------

    @Test
    void missingPlanIsRefused() {
        refusedNaming("plan", with(r -> r.remove("plan")));
    }

    @Test
    void missingSettleDateIsRefused() {
        refusedNaming("settle_date", with(r -> r.remove("settle_date")));
    }

    @Test
    void badSettleDateIsRefused() {
        refusedNaming("settle_date", with(r -> r.put("settle_date", "2025-02-30")));
        refusedNaming("settle_date", with(r -> r.put("settle_date", "10/03/2025")));
    }

    @Test
    void missingPersonIsRefused() {
        refusedNaming("person", with(r -> r.remove("person")));
    }

    @Test
    void missingInstitutionIsRefused() {
        refusedNaming("institution", with(r -> r.remove("institution")));
    }

    @Test
    void missingVisitIsRefused() {
        refusedNaming("visit", with(r -> r.remove("visit")));
    }

    @Test
    void unknownVisitTypeIsRefused() {
        refusedNaming("visit.type", with(r -> visit(r).put("type", "DENTAL")));
    }

    @Test
    void unknownFilingIsRefused() {
        refusedNaming("visit.filing", with(r -> visit(r).put("filing", "ABROAD")));
    }

    @Test
    void negativeDaysAreRefused() {
        refusedNaming("visit.days", with(r -> visit(r).put("days", -1)));
    }

    @Test
    void daysBeyondIntIsRefused() {
        refusedNaming("visit.days", with(r -> visit(r).put("days", 3_000_000_000L)));
    }

    @Test
    void levelFourIsRefused() {
        refusedNaming("institution.level", with(r -> institution(r).put("level", 4)));
    }

    @Test
    void levelMinusOneIsRefused() {
        refusedNaming("institution.level", with(r -> institution(r).put("level", -1)));
    }

    @Test
    void levelsZeroToThreeAreAccepted() {
        for (int level = 0; level <= 3; level++) {
            int l = level;
            assertEquals(l, RequestJson.parse(with(r -> institution(r).put("level", l))).institution().level());
        }
    }

    @Test
    void unknownGradeIsRefused() {
        refusedNaming("institution.grade", with(r -> institution(r).put("grade", "AAA")));
    }

    @Test
    void unknownKindIsRefused() {
        refusedNaming("institution.kind", with(r -> institution(r).put("kind", "CLINIC")));
    }

    // ------------------------------------------------------------------------------------------
    // The person and the year to date
    // ------------------------------------------------------------------------------------------

    @Test
    void unknownStatusIsRefused() {
        refusedNaming("person.status", with(r -> person(r).put("status", "STUDENT")));
    }

    @Test
    void unknownCrDisabledIsRefused() {
        refusedNaming("person.cr_disabled", with(r -> person(r).put("cr_disabled", "PARTLY")));
    }

    @Test
    void unknownAssistanceCategoryIsRefusedNamingTheIdentity() {
        refusedNaming("person.assistance[1].category", with(r -> {
            ArrayNode aid = (ArrayNode) person(r).get("assistance");
            aid.addObject().put("category", "SUBSISTENCE").put("from", "2024-01-01").putNull("to");
            aid.addObject().put("category", "ORPHAN").put("from", "2024-01-01").putNull("to");
        }));
    }

    @Test
    void assistanceEndingBeforeItStartsIsRefusedNamingItsEnd() {
        refusedNaming("person.assistance[0].to", with(r -> ((ArrayNode) person(r).get("assistance")).addObject()
                .put("category", "SUBSISTENCE").put("from", "2024-01-01").put("to", "2023-12-31")));
    }

    @Test
    void negativeAccountBalanceIsRefused() {
        refusedNaming("person.account_balance", with(r -> person(r).put("account_balance", -1)));
    }

    @Test
    void negativeFamilyPayerBalanceIsRefused() {
        refusedNaming("person.family_payer.balance", with(r -> person(r).putObject("family_payer")
                .put("relation", "SPOUSE").put("balance", -5)));
    }

    @Test
    void unknownFamilyRelationIsRefused() {
        refusedNaming("person.family_payer.relation", with(r -> person(r).putObject("family_payer")
                .put("relation", "COUSIN").put("balance", 100)));
    }

    @Test
    void negativeYearToDateValueIsRefusedNamingTheAccumulator() {
        refusedNaming("ytd.pool_paid", with(r -> ((ObjectNode) r.get("ytd")).put("pool_paid", -1)));
    }

    @Test
    void unknownYearToDateKeyIsRefusedNamingIt() {
        refusedNaming("ytd.pool_payd", with(r -> ((ObjectNode) r.get("ytd")).put("pool_payd", 5)));
    }

    @Test
    void fractionalYearToDateValueIsRefused() {
        refusedNaming("ytd.large_paid", with(r -> ((ObjectNode) r.get("ytd")).put("large_paid", 0.5d)));
    }

    // ------------------------------------------------------------------------------------------
    // Problems only the engine sees: the plan and what fits it
    // ------------------------------------------------------------------------------------------

    @Test
    void unknownPlanIsInvalidArgumentNamingThePlan() {
        ObjectNode r = with(x -> x.put("plan", "NM-REGION-EMPLOYEES"));
        RequestJson.parse(r); // well-formed: whether the plan exists is the rule book's question
        runnerRefusesNaming("plan", r);
    }

    @Test
    void theAssistanceRulesAreNotAPlan() {
        runnerRefusesNaming("plan", with(x -> x.put("plan", "MEDICAL-ASSISTANCE")));
    }

    @Test
    void residentStatusInTheEmployeePlanIsInvalidNamingTheStatus() {
        ObjectNode r = with(x -> person(x).put("status", "RESIDENT").put("benefit_start", "2025-01-01"));
        RequestJson.parse(r);
        runnerRefusesNaming("person.status", r);
    }

    @Test
    void residentStatusInTheWuhaiPlanIsInvalidNamingTheStatus() {
        ObjectNode r = with(x -> {
            x.put("plan", "WUHAI-EMPLOYEE");
            visit(x).put("type", "GENERAL_OUTPATIENT");
            person(x).put("status", "RESIDENT").put("benefit_start", "2025-01-01");
        });
        runnerRefusesNaming("person.status", r);
    }

    @Test
    void activeStatusInTheResidentPlanIsInvalidNamingTheStatus() {
        ObjectNode r = validResident();
        person(r).put("status", "ACTIVE");
        runnerRefusesNaming("person.status", r);
        person(r).put("status", "RETIRED");
        runnerRefusesNaming("person.status", r);
    }

    @Test
    void residentWithoutBenefitStartIsInvalidNamingIt() {
        ObjectNode r = validResident();
        person(r).remove("benefit_start");
        RequestJson.parse(r);
        runnerRefusesNaming("person.benefit_start", r);
    }

    // ------------------------------------------------------------------------------------------
    // POLICY §9 order: INVALID_ARGUMENT, NO_RULE_VERSION, OTHER_FUNDING_CHANNEL,
    // RULE_SECTION_MISSING, NOT_ELIGIBLE
    // ------------------------------------------------------------------------------------------

    @Test
    void invalidArgumentComesBeforeNoRuleVersion() {
        // 2018 is between O and E: no version; and a negative price
        runnerRefusesNaming("lines[0].unit_price", with(r -> {
            r.put("settle_date", "2018-05-01");
            lineAt(r, 0).put("unit_price", -100);
        }));
        // ... and a status that does not fit the plan
        runnerRefusesNaming("person.status", with(r -> {
            r.put("settle_date", "2018-05-01");
            person(r).put("status", "RESIDENT").put("benefit_start", "2018-01-01");
        }));
        // a resident without benefit_start, before the resident plan exists
        ObjectNode resident = validResident();
        resident.put("settle_date", "2024-12-31");
        person(resident).remove("benefit_start");
        runnerRefusesNaming("person.benefit_start", resident);
    }

    @Test
    void noRuleVersionComesBeforeOtherFundingChannel() {
        runnerRefusesWith("NO_RULE_VERSION", with(r -> {
            r.put("settle_date", "2018-05-01");
            person(r).put("status", "OTHER_CHANNEL");
        }));
    }

    @Test
    void noRuleVersionComesBeforeRuleSectionMissing() {
        runnerRefusesWith("NO_RULE_VERSION", with(r -> {
            r.put("plan", "WUHAI-EMPLOYEE");
            r.put("settle_date", "2022-09-30");
        }));
    }

    @Test
    void noRuleVersionComesBeforeNotEligible() {
        ObjectNode r = validResident();
        r.put("settle_date", "2024-12-31");
        person(r).put("benefit_start", "2025-06-01");
        runnerRefusesWith("NO_RULE_VERSION", r);
    }

    @Test
    void otherFundingChannelComesBeforeRuleSectionMissing() {
        runnerRefusesWith("OTHER_FUNDING_CHANNEL", with(r -> {
            r.put("plan", "WUHAI-EMPLOYEE");
            person(r).put("status", "OTHER_CHANNEL");
        }));
    }

    @Test
    void otherFundingChannelComesBeforeNotEligible() {
        ObjectNode r = validResident();
        person(r).put("status", "OTHER_CHANNEL").put("benefit_start", "2025-06-01");
        runnerRefusesWith("OTHER_FUNDING_CHANNEL", r);
    }

    @Test
    void ruleSectionMissingComesBeforeNotEligible() {
        ObjectNode r = validResident();
        visit(r).put("type", "GENERAL_OUTPATIENT");
        person(r).put("benefit_start", "2025-06-01");
        runnerRefusesWith("RULE_SECTION_MISSING", r);
    }

    @Test
    void eachCodeAloneIsReportedWhenNothingEarlierApplies() {
        runnerRefusesWith("NO_RULE_VERSION", with(r -> r.put("settle_date", "2015-01-01")));
        runnerRefusesWith("OTHER_FUNDING_CHANNEL", with(r -> person(r).put("status", "OTHER_CHANNEL")));
        runnerRefusesWith("RULE_SECTION_MISSING", with(r -> visit(r).put("type", "OUTPATIENT_OBSERVATION")));
        ObjectNode late = validResident();
        person(late).put("benefit_start", "2025-06-01");
        runnerRefusesWith("NOT_ELIGIBLE", late);
    }

    @Test
    void anUnparseableRequestIsReportedAsInvalidArgumentEvenWithEveryOtherProblem() {
        // no version, other channel, a missing section and a waiting period, and a bad quantity
        ObjectNode r = validResident();
        r.put("settle_date", "2024-06-01");
        person(r).put("status", "OTHER_CHANNEL").put("benefit_start", "2025-06-01");
        visit(r).put("type", "PHARMACY");
        lineAt(r, 0).put("qty", 0);
        runnerRefusesNaming("lines[0].qty", r);
        assertTrue(RUNNER.evaluate(r).path("reason").asText().contains("qty"));
    }
}
