package cn.onestop.visits;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Role;

import java.util.Optional;

/**
 * Who may act on visits: only a designated institution, under its own code, on its own visits; a
 * visit of another institution is answered exactly as an unknown one.
 */
final class Access {
    private Access() {
    }

    static Optional<Failure> mayAct(Caller caller, String institutionCode) {
        if (!caller.is(Role.INSTITUTION)) {
            return Optional.of(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + caller.role()
                    + " caller does not register visits, upload fees or settle; only a designated institution does"));
        }
        if (!caller.institutionCode().equals(institutionCode)) {
            return Optional.of(Failure.of(Reason.INSTITUTION_MISMATCH, "the caller is institution "
                    + caller.institutionCode() + ": it acts only under its own code, not " + institutionCode));
        }
        return Optional.empty();
    }

    static boolean owns(Caller caller, VisitRecord v) {
        return caller.is(Role.INSTITUTION) && caller.institutionCode().equals(v.institutionCode());
    }
}
