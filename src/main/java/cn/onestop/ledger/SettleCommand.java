package cn.onestop.ledger;

import cn.onestop.catalog.ItemLine;
import cn.onestop.request.Visit;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A validated Settle or PreSettle: who is at the counter, where, what was bought. The person's
 * status, year-to-date state and balance come from the ledger, not from the caller.
 *
 * @param personId the person number the caller has on file, or null
 * @param lines the bill as sent: coded lines are classified from the catalog by the ledger
 * @param family a family payer under mutual aid, or null
 * @param requestHash SHA-256 of the request as received: a retry must match it exactly
 */
public record SettleCommand(String institutionCode, String messageId, CredentialRef credential, String personId,
                            LocalDate settleDate, Visit visit, List<ItemLine> lines, FamilyPayerRef family,
                            byte[] requestHash) {
    public SettleCommand {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(settleDate, "settleDate");
        Objects.requireNonNull(visit, "visit");
        lines = List.copyOf(lines);
        Objects.requireNonNull(requestHash, "requestHash");
    }
}
