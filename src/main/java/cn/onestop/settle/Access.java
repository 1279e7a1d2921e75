package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Role;

import java.util.Optional;

/**
 * Who may do what with settlements, decided here — in the use cases — so that every front obeys the
 * same rules. An institution settles, reverses, reads and lists only under its own code and looks a
 * person up only with a credential presented at its counter; an auditor reads everything and changes
 * nothing; the centre's administrators and clearing nodes do not settle; a monitor does none of it
 * (it scrapes a node's metrics, which no use case here serves).
 */
final class Access {
    private Access() {
    }

    /** Settle, PreSettle, Reverse: only the institution itself. */
    static Optional<Failure> mayTransact(Caller caller, String institutionCode) {
        if (!caller.is(Role.INSTITUTION)) {
            return Optional.of(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + caller.role()
                    + " caller does not settle or reverse; only a designated institution does, under its own code"));
        }
        if (!caller.institutionCode().equals(institutionCode)) {
            return Optional.of(Failure.of(Reason.INSTITUTION_MISMATCH, "the caller is institution "
                    + caller.institutionCode() + ": it acts only under its own code, not " + institutionCode));
        }
        return Optional.empty();
    }

    /**
     * Whether the caller may see this settlement. Another institution's settlement is answered
     * exactly as an unknown one, so ids reveal nothing across institutions.
     */
    static boolean mayRead(Caller caller, SettlementRecord r) {
        return switch (caller.role()) {
            case INSTITUTION -> caller.institutionCode().equals(r.institutionCode());
            case AUDITOR -> true;
            case CLEARING, CENTRE_ADMIN, MONITOR -> false;
        };
    }

    /** Listing an institution's settlements: the institution itself, or an auditor. */
    static Optional<Failure> mayList(Caller caller, String institutionCode) {
        if (caller.is(Role.AUDITOR) || caller.isInstitution(institutionCode)) {
            return Optional.empty();
        }
        if (caller.is(Role.INSTITUTION)) {
            return Optional.of(Failure.of(Reason.INSTITUTION_MISMATCH, "institution " + caller.institutionCode()
                    + " lists only its own settlements, not those of " + institutionCode));
        }
        return Optional.of(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + caller.role()
                + " caller does not list an institution's settlements"));
    }

    /** Looking a person up by a credential: an institution (the credential is at its counter), or an auditor. */
    static Optional<Failure> mayLookUpPersons(Caller caller) {
        if (caller.is(Role.INSTITUTION) || caller.is(Role.AUDITOR)) {
            return Optional.empty();
        }
        return Optional.of(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + caller.role()
                + " caller does not look persons up; an institution does, with the credential presented at its "
                + "counter"));
    }
}
