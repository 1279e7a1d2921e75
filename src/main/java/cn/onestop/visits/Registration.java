package cn.onestop.visits;

import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * A 2201 registration or 2401 admission, as the front mapped it.
 *
 * @param personId the person number the billing system has on file, or null
 * @param plans the gateway's plans the insutype code stands for: the person's must be one of them
 * @param info fields the gateway only keeps (JSON)
 */
public record Registration(String institutionCode, CredentialRef credential, String personId, String insutype,
                           Set<String> plans, String medType, VisitType type, LocalDateTime begin, String info) {
    public Registration {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(insutype, "insutype");
        plans = Set.copyOf(plans);
        Objects.requireNonNull(medType, "medType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(begin, "begin");
    }
}
