package cn.onestop.visits;

import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;

import java.util.Objects;

/**
 * A pre-settlement or settlement of a visit's uploaded fee details (2206 / 2207, 2303 / 2304).
 *
 * @param credential what the person presents now (any credential of the same person)
 * @param personId the person number the billing system sent, or null
 * @param type the visit type the message's med_type maps to
 * @param statedTotal the billing system's total (medfee_sumamt), fen, checked against the details; null
 *     when not sent
 */
public record SettleVisit(String mdtrtId, CredentialRef credential, String personId, VisitType type,
                          boolean useAccount, Long statedTotal) {
    public SettleVisit {
        Objects.requireNonNull(mdtrtId, "mdtrtId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(type, "type");
    }
}
