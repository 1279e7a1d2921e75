package cn.onestop.identity;

import cn.onestop.kernel.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Turns what a call presented into a caller, or nothing. A bearer token, when given, decides (it is
 * looked up by its hash); otherwise the client certificate — already verified against the gateway's
 * CA by TLS — names the principal in its subject's CN, unless its serial is revoked. A disabled
 * principal is nobody. Lookups are cached for a short while, so a revocation takes effect within
 * {@code recheck} on every node without a query per call.
 */
public final class Authenticator {
    /** Why presented credentials were not accepted: for the audit trail and the log, never for the caller. */
    public enum Refusal { NOTHING_PRESENTED, MALFORMED_TOKEN, UNKNOWN_TOKEN, UNKNOWN_SUBJECT, REVOKED_CERTIFICATE,
        DISABLED }

    /** The caller, or why there is none. */
    public record Outcome(Optional<Caller> caller, Refusal refusal, String who) {
    }

    private final IdentityStore store;
    private final Cache<String, Optional<Principal>> tokens;
    private final Cache<String, Optional<Principal>> subjects;
    private final Cache<String, Boolean> revokedSerials;

    public Authenticator(IdentityStore store, Duration recheck) {
        this.store = store;
        this.tokens = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(recheck).build();
        this.subjects = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(recheck).build();
        this.revokedSerials = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(recheck).build();
    }

    /** Blocking on a cache miss (one query): call it on a worker thread. */
    public Outcome authenticate(Presented p, String requestId) {
        if (p.bearerToken() != null) {
            String t = p.bearerToken();
            if (!Tokens.wellFormed(t)) {
                return refused(Refusal.MALFORMED_TOKEN, "a malformed token");
            }
            String id = t.substring(4, 20);
            Optional<Principal> who = tokens.get(HexFormat.of().formatHex(Tokens.hash(t)),
                    h -> store.byTokenHash(HexFormat.of().parseHex(h)));
            if (who.isEmpty()) {
                return refused(Refusal.UNKNOWN_TOKEN, "token " + id);
            }
            return accepted(who.get(), requestId, "token " + id);
        }
        X509Certificate cert = p.certificate();
        if (cert == null) {
            return refused(Refusal.NOTHING_PRESENTED, "nothing presented");
        }
        String serial = cert.getSerialNumber().toString(16);
        String subject = commonName(cert.getSubjectX500Principal());
        if (subject == null) {
            return refused(Refusal.UNKNOWN_SUBJECT, "a certificate without a CN, serial " + serial);
        }
        if (revokedSerials.get(serial, store::revoked)) {
            return refused(Refusal.REVOKED_CERTIFICATE, subject + " (certificate " + serial + ")");
        }
        Optional<Principal> who = subjects.get(subject, store::principal);
        if (who.isEmpty()) {
            return refused(Refusal.UNKNOWN_SUBJECT, subject + " (certificate " + serial + ")");
        }
        return accepted(who.get(), requestId, subject + " (certificate " + serial + ")");
    }

    private static Outcome accepted(Principal p, String requestId, String who) {
        if (p.disabled()) {
            return refused(Refusal.DISABLED, p.subject() + " by " + who);
        }
        return new Outcome(Optional.of(p.caller(requestId)), null, who);
    }

    private static Outcome refused(Refusal r, String who) {
        return new Outcome(Optional.empty(), r, who);
    }

    /** The CN of an X.500 name, or null. */
    static String commonName(X500Principal name) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(name.getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }
}
