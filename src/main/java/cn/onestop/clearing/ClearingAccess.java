package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.Role;

import java.util.stream.Collectors;

/**
 * Who may do what on the clearing side, decided here so every front obeys the same rules. An
 * institution closes its own days, reconciles and applies for its own months; an auditor and the
 * centre's administrators read statements; a clearing node sees and confirms only the extracts of
 * the insured regions its identity names; only the centre accepts an application.
 */
final class ClearingAccess {
    private ClearingAccess() {
    }

    /** A refusal unless the caller is the institution {@code code} itself; else null. */
    static <T> Result<T> ownInstitution(Caller caller, String code, String what) {
        if (!caller.is(Role.INSTITUTION)) {
            return new Result.Failed<>(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + caller.role() + " caller may not "
                    + what + "; only the designated institution does, under its own code"));
        }
        if (code != null && !code.isBlank() && !caller.institutionCode().equals(code)) {
            return new Result.Failed<>(Failure.of(Reason.INSTITUTION_MISMATCH, "the caller is institution "
                    + caller.institutionCode() + ": it may " + what + " only under its own code, not " + code));
        }
        return null;
    }

    /** As {@link #ownInstitution}, or an auditor or an administrator of the centre (who read). */
    static <T> Result<T> ownInstitutionOrReader(Caller caller, String code, String what) {
        if (caller.is(Role.AUDITOR) || caller.is(Role.CENTRE_ADMIN)) {
            return null;
        }
        return ownInstitution(caller, code, what);
    }

    /** A refusal unless the caller is an administrator of the centre; else null. */
    static <T> Result<T> centre(Caller caller, String what) {
        return caller.unless(what, Role.CENTRE_ADMIN).<Result<T>>map(Result.Failed::new).orElse(null);
    }

    /** The regions a clearing node serves, from its identity; a refusal for any other caller. */
    static Result<NodeScope> node(Caller caller) {
        if (!caller.is(Role.CLEARING)) {
            return new Result.Failed<>(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + caller.role() + " caller may not "
                    + "read or confirm a clearing extract; a clearing node does, for the regions it serves"));
        }
        return Result.ok(new NodeScope(caller.regions().stream().filter(AdminDivision::isCode)
                .map(AdminDivision::new).collect(Collectors.toSet())));
    }
}
