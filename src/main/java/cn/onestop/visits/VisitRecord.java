package cn.onestop.visits;

import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A visit as the national flow keeps it between its messages: registered or admitted, its fee
 * details uploaded, then settled through the settlement use case.
 *
 * @param mdtrtId 就诊ID, made by the gateway
 * @param insutype the national 险种类型 code it was registered under
 * @param medType the national 医疗类别 code it was registered under
 * @param type the gateway's visit type that {@code medType} maps to
 * @param end discharge time, or null
 * @param settleMessageId the message that settles (or is settling) the visit, or null: while set, the
 *     fee details are frozen and no other message may settle it
 * @param settlementId the settlement that message made, or null
 * @param openedBy the message id of the registration
 * @param info what the billing system sent at registration that the gateway only keeps (JSON)
 * @param person who the person was at registration, for the answers that name them
 */
public record VisitRecord(String mdtrtId, String institutionCode, String personId, Person person,
                          CredentialRef credential,
                          String insutype, String medType, VisitType type, LocalDateTime begin, LocalDateTime end,
                          VisitStatus status, String settleMessageId, String settlementId, String openedBy,
                          String info) {
    public VisitRecord {
        Objects.requireNonNull(mdtrtId, "mdtrtId");
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedBy, "openedBy");
        info = info == null ? "{}" : info;
    }

    /**
     * The person as enrolled when the visit was registered.
     *
     * @param status the enrolment status (ACTIVE, RETIRED, RESIDENT …)
     */
    public record Person(String name, String plan, String status, boolean civilServant) {
        public Person {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The same visit with another med_type and type, and what 2203 sent. */
    public VisitRecord described(String medTypeCode, VisitType visitType, String moreInfo) {
        return new VisitRecord(mdtrtId, institutionCode, personId, person, credential, insutype, medTypeCode, visitType,
                begin, end, status, settleMessageId, settlementId, openedBy, moreInfo);
    }

    /** Whether the stay is an inpatient one (2401 …). */
    public boolean inpatient() {
        return type.isInpatient();
    }
}
