package cn.onestop.identity;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;

import java.util.Objects;
import java.util.Set;

/**
 * A name the gateway knows and what it is: an institution (its code), a clearing node (the insured
 * regions it serves), an administrator, an auditor.
 */
public record Principal(String subject, Role role, String institutionCode, Set<String> regions, boolean disabled) {
    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        if (role == Role.INSTITUTION && (institutionCode == null || institutionCode.isBlank())) {
            throw new IllegalArgumentException("an INSTITUTION principal names its institution code");
        }
    }

    /** The caller this principal is on a call with {@code requestId}. */
    public Caller caller(String requestId) {
        return new Caller(subject, role, role == Role.INSTITUTION ? institutionCode : null, regions, requestId);
    }
}
