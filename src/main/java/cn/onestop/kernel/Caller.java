package cn.onestop.kernel;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as authenticated by the front the call came through (a client certificate or a
 * bearer token): every use case receives one and decides from it what the call may do.
 *
 * @param subject the principal's name: an institution code, a clearing node's id, an administrator's
 * @param institutionCode the institution an INSTITUTION caller is; null for other roles
 * @param regions the insured regions (6-digit admin-division codes) a CLEARING caller serves; empty otherwise
 * @param requestId the call's request id, carried into logs and the audit trail
 */
public record Caller(String subject, Role role, String institutionCode, Set<String> regions, String requestId) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        if (role == Role.INSTITUTION && institutionCode == null) {
            throw new IllegalArgumentException("an INSTITUTION caller names its institution");
        }
        requestId = requestId == null ? "" : requestId;
    }

    /** An administrator at the server itself (a command run on the machine, not over the network). */
    public static Caller local(String what) {
        return new Caller("local:" + what, Role.CENTRE_ADMIN, null, Set.of(), "");
    }

    public boolean is(Role r) {
        return role == r;
    }

    /** Whether this caller is the institution with {@code code}. */
    public boolean isInstitution(String code) {
        return role == Role.INSTITUTION && institutionCode.equals(code);
    }

    /** A refusal unless this caller has one of {@code allowed}; empty when it has. */
    public java.util.Optional<Failure> unless(String what, Role... allowed) {
        for (Role r : allowed) {
            if (role == r) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(Failure.of(Reason.ROLE_NOT_PERMITTED, "a " + role + " caller may not " + what));
    }

    /** The same caller on another request. */
    public Caller withRequestId(String id) {
        return new Caller(subject, role, institutionCode, regions, id);
    }
}
