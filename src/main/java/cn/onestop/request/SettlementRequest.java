package cn.onestop.request;

import cn.onestop.kernel.InvalidRequestException;

import cn.onestop.kernel.FieldViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A bill to split: who, where, what kind of visit, the person's year-to-date state before it, and
 * the lines. Valid by construction: a value of this type has no negative price or year-to-date
 * value, no non-positive quantity, and a total that fits in int64.
 *
 * @param plan the plan code, e.g. {@code NM-REGION-EMPLOYEE}; whether it exists is a rule-table
 *     question, answered by the engine
 * @param settleDate discharge / sale date: picks the rule version and decides identities
 */
public record SettlementRequest(String plan, LocalDate settleDate, Person person, Institution institution,
                                Visit visit, Accumulators ytd, List<BillLine> lines) {
    public SettlementRequest {
        List<FieldViolation> bad = new ArrayList<>();
        if (plan == null || plan.isBlank()) {
            bad.add(new FieldViolation("plan", "is required"));
        }
        if (settleDate == null) {
            bad.add(new FieldViolation("settle_date", "is required"));
        }
        if (person == null) {
            bad.add(new FieldViolation("person", "is required"));
        }
        if (institution == null) {
            bad.add(new FieldViolation("institution", "is required"));
        }
        if (visit == null) {
            bad.add(new FieldViolation("visit", "is required"));
        }
        if (ytd == null) {
            ytd = Accumulators.ZERO;
        }
        Accumulator negative = ytd.firstNegative();
        if (negative != null) {
            bad.add(new FieldViolation("ytd." + negative.key(), "must not be negative, got " + ytd.get(negative)));
        }
        lines = lines == null ? List.of() : List.copyOf(lines);
        bad.addAll(LineChecks.bill(lines, false));
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
    }
}
