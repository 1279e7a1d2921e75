package cn.onestop.settle;

import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.ItemLine;
import cn.onestop.request.LineChecks;
import cn.onestop.request.Visit;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A Settle or PreSettle: who is at the counter, where, what was bought. The person's status,
 * year-to-date state and balance come from the ledger, not from the caller.
 *
 * @param messageId the caller's message id; may be null for a PreSettle
 * @param personId the person number the caller has on file, or null
 * @param lines the bill as sent: coded lines are classified from the treating region's catalog
 * @param family a family payer under mutual aid, or null
 * @param legacyWireHash SHA-256 of the request as received over gRPC (see {@link RequestDigest}), or null
 */
public record SettleCommand(String institutionCode, String messageId, CredentialRef credential, String personId,
                            LocalDate settleDate, Visit visit, List<ItemLine> lines, FamilyPayerRef family,
                            byte[] legacyWireHash) {
    public SettleCommand {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(settleDate, "settleDate");
        Objects.requireNonNull(visit, "visit");
        List<FieldViolation> bad = LineChecks.bill(lines, true);
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
        lines = List.copyOf(lines);
        legacyWireHash = legacyWireHash == null ? null : legacyWireHash.clone();
    }

    /** The year whose accumulators the bill moves. */
    public int year() {
        return settleDate.getYear();
    }

    /** The request's fingerprint: every field that decides the outcome, in a fixed order. */
    public RequestDigest digest() {
        RequestDigest.Canon c = new RequestDigest.Canon("settle.v1")
                .put("institution", institutionCode).put("message", messageId)
                .put("cert_type", credential.type()).put("cert_value", credential.value())
                .put("person", personId).put("settle_date", settleDate)
                .put("visit.type", visit.type()).put("visit.filing", visit.filing())
                .put("visit.use_account", visit.useAccount()).put("visit.days", visit.days())
                .put("lines", lines.size());
        for (ItemLine l : lines) {
            c.put("id", l.id()).put("code", l.itemCode()).put("category", l.category())
                    .put("unit_price", l.unitPrice()).put("qty", l.qty()).put("self_ratio_bp", l.selfRatioBp())
                    .put("tcm_drug", l.tcmDrug()).put("emergency", l.emergency());
        }
        if (family != null) {
            c.put("family.cert_type", family.credential().type()).put("family.cert_value", family.credential().value())
                    .put("family.relation", family.relation());
        }
        return new RequestDigest(c.digest(), legacyWireHash);
    }
}
