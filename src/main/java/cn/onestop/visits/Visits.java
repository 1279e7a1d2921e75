package cn.onestop.visits;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.FeeReview;
import cn.onestop.settle.PersonView;
import cn.onestop.settle.SettlementIds;
import cn.onestop.settle.UseCases;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The visits of the national flow (门诊挂号 2201, 入院 2401 …, their fee details 2204 / 2301 and
 * cancellations), each state-changing message exactly once through the {@link Journal}. A visit is
 * seen and changed only by the institution that registered it.
 */
public final class Visits {
    private final VisitStore store;
    private final Journal journal;
    private final UseCases cases;
    private final Clock clock;
    private final SettlementIds ids = new SettlementIds();

    Visits(VisitStore store, Journal journal, UseCases cases, Clock clock) {
        this.store = store;
        this.journal = journal;
        this.cases = cases;
        this.clock = clock;
    }

    /** 2201 / 2401: a new visit, for the person holding the credential, under a plan the insutype stands for. */
    public Result<Answer<VisitRecord>> register(Caller caller, Message m, Registration r, Deadline deadline,
                                                Function<VisitRecord, String> render) {
        return journal.once(caller, m, date -> open(caller, m, r, deadline), render, refs(), (v, by) ->
                store.move(v.mdtrtId(), List.of(VisitStatus.OPEN, VisitStatus.DISCHARGED), VisitStatus.CANCELLED,
                        null));
    }

    private Result<VisitRecord> open(Caller caller, Message m, Registration r, Deadline deadline) {
        Optional<VisitRecord> again = store.openedBy(m.institutionCode(), m.messageId());
        if (again.isPresent()) {
            return Result.ok(again.get()); // a retry racing the first attempt
        }
        Result<PersonView> person = cases.persons().person(caller, r.credential(), r.begin().getYear(), deadline);
        if (person instanceof Result.Failed<PersonView> f) {
            return new Result.Failed<>(f.failure());
        }
        String personId = person.value().person().personId();
        if (r.personId() != null && !r.personId().equals(personId)) {
            return Result.failed(Reason.CREDENTIAL_MISMATCH, "the credential does not belong to person " + r.personId());
        }
        String plan = person.value().person().plan();
        if (!r.plans().contains(plan)) {
            return invalid("insutype", "is " + r.insutype() + ", which is not the person's insurance (plan " + plan
                    + ")");
        }
        cn.onestop.settle.EnrolledPerson p = person.value().person();
        VisitRecord v = new VisitRecord(ids.next('V', clock.millis()), r.institutionCode(), personId,
                new VisitRecord.Person(p.name(), plan, p.status().name(), p.civilServant()), r.credential(),
                r.insutype(), r.medType(), r.type(), r.begin(), null, VisitStatus.OPEN, null, null, m.messageId(),
                r.info());
        store.insert(v);
        return Result.ok(store.openedBy(m.institutionCode(), m.messageId()).orElse(v));
    }

    /** 2203 and every step after registration: the caller's own visit, or VISIT_NOT_FOUND. */
    public Result<VisitRecord> find(Caller caller, String mdtrtId) {
        Optional<Failure> denied = Access.mayAct(caller, caller.institutionCode() == null ? "" : caller.institutionCode());
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        return store.find(mdtrtId).filter(v -> Access.owns(caller, v)).<Result<VisitRecord>>map(Result::ok)
                .orElseGet(() -> Result.failed(Reason.VISIT_NOT_FOUND, "no visit " + mdtrtId + " of institution "
                        + caller.institutionCode()));
    }

    /** The fee details in force of the caller's own visit. */
    public Result<List<FeeDetail>> details(Caller caller, String mdtrtId) {
        return find(caller, mdtrtId).map(v -> store.details(v.mdtrtId()));
    }

    /** 2203: what the visit is (med_type and the diagnoses), while it is open and unsettled. */
    public Result<Answer<VisitRecord>> describe(Caller caller, Message m, String mdtrtId, String medType,
                                                cn.onestop.request.VisitType type, String info,
                                                Function<VisitRecord, String> render) {
        return journal.once(caller, m, date -> find(caller, mdtrtId).flatMap(v -> {
            if (v.inpatient() != type.isInpatient()) {
                return invalid("med_type", "is " + medType + ", which does not fit visit " + mdtrtId);
            }
            return moved(v, store.describe(v.described(medType, type, info)), "described");
        }), render, refs(), (v, by) -> { });
    }

    /** 2202 / 2404: the visit cancelled, unless it is settled or being settled. */
    public Result<Answer<VisitRecord>> cancel(Caller caller, Message m, String mdtrtId,
                                              Function<VisitRecord, String> render) {
        return journal.once(caller, m, date -> find(caller, mdtrtId).flatMap(v -> moved(v,
                store.move(mdtrtId, List.of(VisitStatus.OPEN, VisitStatus.DISCHARGED), VisitStatus.CANCELLED, null),
                "cancelled")), render, refs(), (v, by) -> store.move(mdtrtId, List.of(VisitStatus.CANCELLED),
                v.status(), v.end()));
    }

    /** 2402: an inpatient stay discharged at {@code end}. */
    public Result<Answer<VisitRecord>> discharge(Caller caller, Message m, String mdtrtId, LocalDateTime end,
                                                 Function<VisitRecord, String> render) {
        return journal.once(caller, m, date -> find(caller, mdtrtId).flatMap(v -> {
            if (!v.inpatient()) {
                return Result.failed(Reason.VISIT_STATE, "visit " + mdtrtId + " is not an inpatient stay");
            }
            if (end.isBefore(v.begin())) {
                return invalid("endtime", "is before the admission " + v.begin());
            }
            return moved(v, store.move(mdtrtId, List.of(VisitStatus.OPEN), VisitStatus.DISCHARGED, end), "discharged");
        }), render, refs(), (v, by) -> store.move(mdtrtId, List.of(VisitStatus.DISCHARGED), VisitStatus.OPEN, null));
    }

    /**
     * 2204 / 2301: fee details added to an open, unsettled visit, each line reviewed (明细审核) against
     * the catalog and the person's plan; nothing is kept when any line is refused.
     */
    public Result<Answer<FeeReview.Reviewed>> upload(Caller caller, Message m, String mdtrtId, List<FeeDetail> lines,
                                                     Function<FeeReview.Reviewed, String> render) {
        return journal.once(caller, m, date -> find(caller, mdtrtId).flatMap(v -> {
            Result<FeeReview.Reviewed> reviewed = cases.feeReview().review(caller,
                    Bills.command(v, null, v.credential(), v.personId(), date, v.type(), false, lines));
            if (reviewed instanceof Result.Failed<FeeReview.Reviewed> f) {
                return new Result.Failed<>(f.failure());
            }
            return switch (store.upload(mdtrtId, lines)) {
                case DONE -> reviewed;
                case DUPLICATE -> invalid("feedetail", "a feedetl_sn of this upload is already in force on visit "
                        + mdtrtId + " (withdraw it first: 2205 / 2302)");
                default -> notChangeable(v);
            };
        }), render, Journal.Refs.of(r -> mdtrtId, r -> null),
                (r, by) -> store.withdraw(mdtrtId, null, null, m.messageId()));
    }

    /**
     * 2205 / 2302: fee details withdrawn from an unsettled visit: the serial numbers given, or those of a
     * charge batch, or (both null) all of them.
     */
    public Result<Answer<Integer>> withdraw(Caller caller, Message m, String mdtrtId, Collection<String> sns,
                                            String batch, Function<Integer, String> render) {
        return journal.once(caller, m, date -> find(caller, mdtrtId).flatMap(v -> {
            int before = store.details(mdtrtId).size();
            VisitStore.Outcome o = store.withdraw(mdtrtId, sns == null || sns.isEmpty() ? null : sns, batch, null);
            return o == VisitStore.Outcome.DONE ? Result.ok(before - store.details(mdtrtId).size()) : notChangeable(v);
        }), render, Journal.Refs.of(n -> mdtrtId, n -> null), (n, by) -> { });
    }

    private Result<VisitRecord> moved(VisitRecord v, VisitStore.Outcome o, String what) {
        return switch (o) {
            case DONE -> Result.ok(store.find(v.mdtrtId()).orElseThrow());
            case NOT_FOUND -> Result.failed(Reason.VISIT_NOT_FOUND, "no visit " + v.mdtrtId());
            default -> Result.failed(Reason.VISIT_STATE, "visit " + v.mdtrtId() + " cannot be " + what + ": it is "
                    + describe(v));
        };
    }

    private <T> Result<T> notChangeable(VisitRecord v) {
        return Result.failed(Reason.VISIT_STATE, "the fee details of visit " + v.mdtrtId() + " cannot change: it is "
                + describe(store.find(v.mdtrtId()).orElse(v)));
    }

    static String describe(VisitRecord v) {
        if (v.settleMessageId() != null) {
            return "settled (or being settled) by msgid " + v.settleMessageId() + "; cancel that settlement first";
        }
        return v.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    static <T> Result<T> invalid(String field, String description) {
        return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, field + ": " + description,
                List.of(new FieldViolation(field, description))));
    }

    private static Journal.Refs<VisitRecord> refs() {
        return Journal.Refs.of(VisitRecord::mdtrtId, v -> null);
    }
}
