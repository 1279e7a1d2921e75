package cn.onestop.cli;

import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.identity.DevPki;
import cn.onestop.identity.IdentityStore;
import cn.onestop.identity.Principal;
import cn.onestop.identity.Tokens;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code onestop credentials …}: who may call the gateway, administered at the server, on its
 * database. Every change is in the audit trail, made by {@code local:<user>}.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Principals, bearer tokens and client certificates (run at the server, on its database).",
        subcommands = {CredentialsCommand.Add.class, CredentialsCommand.Disable.class, CredentialsCommand.Enable.class,
                CredentialsCommand.ListAll.class, CredentialsCommand.Issue.class, CredentialsCommand.Rotate.class,
                CredentialsCommand.Revoke.class, CredentialsCommand.Certificate.class,
                CredentialsCommand.RevokeCertificate.class})
final class CredentialsCommand {
    @Option(names = "--config", paramLabel = "FILE", description = "properties file (default: ${DEFAULT-VALUE})")
    Path config = Path.of("config", "onestop.properties");

    interface Work {
        int run(IdentityStore store, Caller by) throws Exception;
    }

    int run(Work work) throws Exception {
        try (Database db = Database.open(DatabaseConfig.load(config, System.getenv()))) {
            return work.run(new IdentityStore(db.dataSource()), Caller.local(System.getProperty("user.name")));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a principal.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SUBJECT", description = "its name: an institution code, a node id, a person's login")
        String subject;
        @Option(names = "--role", required = true, description = "INSTITUTION, CLEARING, CENTRE_ADMIN, AUDITOR or MONITOR "
                + "(scrapes the metrics, nothing else)")
        Role role;
        @Option(names = "--institution", description = "the institution code (INSTITUTION; default: the subject)")
        String institution;
        @Option(names = "--regions", split = ",", description = "insured regions served (CLEARING), e.g. 150100,150300")
        String[] regions;

        @Override
        public Integer call() throws Exception {
            Set<String> r = regions == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(regions));
            String inst = role == Role.INSTITUTION ? (institution != null ? institution : subject) : null;
            return parent.run((store, by) -> {
                Principal p = store.add(by, new Principal(subject, role, inst, r, false));
                System.out.println("principal " + p.subject() + " " + p.role()
                        + (p.institutionCode() == null ? "" : " " + p.institutionCode())
                        + (p.regions().isEmpty() ? "" : " " + String.join(",", p.regions())));
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a principal: every certificate and token of it stops working.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SUBJECT")
        String subject;

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> {
                store.setDisabled(by, subject, true);
                System.out.println(subject + " disabled");
                return 0;
            });
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled principal again.")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SUBJECT")
        String subject;

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> {
                store.setDisabled(by, subject, false);
                System.out.println(subject + " enabled");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Principals and their tokens (never a secret).")
    static final class ListAll implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> {
                for (Principal p : store.principals()) {
                    System.out.printf("%-20s %-13s %-14s %s%s%n", p.subject(), p.role(),
                            p.institutionCode() == null ? "" : p.institutionCode(), String.join(",", p.regions()),
                            p.disabled() ? " (disabled)" : "");
                }
                for (IdentityStore.TokenInfo t : store.tokens()) {
                    System.out.printf("token %s  %-20s issued %s%s%n", t.tokenId(), t.subject(), t.createdAt(),
                            t.revokedAt() == null ? "" : ", revoked " + t.revokedAt());
                }
                return 0;
            });
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a bearer token; it is printed once, and only its hash is kept.")
    static final class Issue implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SUBJECT")
        String subject;

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> print(store.issue(by, subject, false), subject));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue a new token and revoke every live token of the subject, in one step.")
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SUBJECT")
        String subject;

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> print(store.issue(by, subject, true), subject));
        }
    }

    static int print(Tokens.Issued t, String subject) {
        System.out.println("token " + t.tokenId() + " for " + subject + " (shown once; keep it secret):");
        System.out.println(t.token());
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one token by its id.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "TOKEN_ID")
        String tokenId;

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> {
                boolean live = store.revokeToken(by, tokenId);
                System.out.println("token " + tokenId + (live ? " revoked" : " was not live"));
                return live ? 0 : 1;
            });
        }
    }

    @Command(name = "certificate", mixinStandardHelpOptions = true,
            description = "Issue a client certificate for a principal from the development CA (under --pki).")
    static final class Certificate implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SUBJECT")
        String subject;
        @Option(names = "--pki", paramLabel = "DIR", description = "the development CA (default: ${DEFAULT-VALUE})")
        Path pki = Path.of("data", "pki");

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> {
                Principal p = store.principal(subject).orElseThrow(() ->
                        new IllegalArgumentException("no principal " + subject + ": add it first"));
                DevPki ca = new DevPki(pki);
                String serial = ca.issueClient(subject, p.role().name());
                System.out.println("certificate " + serial + " for " + subject + ": " + ca.clientCert(subject) + ", "
                        + ca.clientKey(subject));
                return 0;
            });
        }
    }

    @Command(name = "revoke-certificate", mixinStandardHelpOptions = true,
            description = "Revoke a client certificate by its serial number (hex): refused within auth.recheck-ms.")
    static final class RevokeCertificate implements Callable<Integer> {
        @ParentCommand
        CredentialsCommand parent;
        @Parameters(paramLabel = "SERIAL")
        String serial;
        @Option(names = "--subject", required = true)
        String subject;
        @Option(names = "--reason")
        String reason = "";

        @Override
        public Integer call() throws Exception {
            return parent.run((store, by) -> {
                store.revokeCertificate(by, serial, subject, reason);
                System.out.println("certificate " + serial + " of " + subject + " revoked");
                return 0;
            });
        }
    }
}
