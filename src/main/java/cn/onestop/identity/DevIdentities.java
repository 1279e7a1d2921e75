package cn.onestop.identity;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identities a development gateway starts with, so that its own client works at once: a
 * principal and a client certificate for every registered institution, for an administrator
 * ({@code admin}), an auditor ({@code auditor}), a clearing node serving every region of those
 * institutions and the region-level plan ({@code clearing-node}) and a monitor that scrapes the
 * metrics ({@code monitor}). Made once; existing ones are kept, and one missing is added.
 */
public final class DevIdentities {
    private static final Logger LOG = LoggerFactory.getLogger(DevIdentities.class);
    public static final String ADMIN = "admin";
    public static final String AUDITOR = "auditor";
    public static final String CLEARING = "clearing-node";
    public static final String MONITOR = "monitor";
    /** The region-level plan's insured region (自治区本级). */
    private static final String REGION_LEVEL = "159900";

    private DevIdentities() {
    }

    /**
     * @param institutions the codes and regions of the registered institutions
     */
    public static void ensure(IdentityStore store, DevPki pki, Collection<Institution> institutions)
            throws IOException {
        Caller by = Caller.local("development CA");
        Set<String> regions = new TreeSet<>(List.of(REGION_LEVEL));
        int made = 0;
        for (Institution i : institutions) {
            regions.add(i.region());
            made += ensure(store, pki, by, new Principal(i.code(), Role.INSTITUTION, i.code(), Set.of(), false));
        }
        made += ensure(store, pki, by, new Principal(ADMIN, Role.CENTRE_ADMIN, null, Set.of(), false));
        made += ensure(store, pki, by, new Principal(AUDITOR, Role.AUDITOR, null, Set.of(), false));
        made += ensure(store, pki, by, new Principal(CLEARING, Role.CLEARING, null, regions, false));
        made += ensure(store, pki, by, new Principal(MONITOR, Role.MONITOR, null, Set.of(), false));
        if (made > 0) {
            LOG.info("development identities: {} client certificates issued under {}", made, pki.dir());
        }
    }

    /** An institution as the development CA sees it. */
    public record Institution(String code, String region) {
    }

    private static int ensure(IdentityStore store, DevPki pki, Caller by, Principal p) throws IOException {
        if (store.principal(p.subject()).isEmpty()) {
            store.add(by, p);
        }
        if (Files.isRegularFile(pki.clientCert(p.subject()))) {
            return 0;
        }
        pki.issueClient(p.subject(), p.role().name());
        return 1;
    }
}
