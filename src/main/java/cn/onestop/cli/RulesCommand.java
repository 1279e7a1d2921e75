package cn.onestop.cli;

import cn.onestop.api.v1.ListRuleVersionsRequest;
import cn.onestop.api.v1.PublishRuleVersionRequest;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.RuleVersion;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.parse.RuleLoadException;
import cn.onestop.rules.parse.RuleParameters;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code onestop rules …}: the rule versions of a running gateway — list them, show one in human
 * units with the source of every number, compare two, publish a new one — over gRPC as the centre's
 * administrator, so that a publication is made by a named caller, kept with the version and in the
 * audit trail, and live on that node at once.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Rule versions: list, show, diff, publish.",
                "These call a running gateway over gRPC (RuleAdminService), by default as the centre's administrator "
                        + "with the development certificate of 'admin' (data/pki/clients/admin.crt; --as, --cert/--key "
                        + "or --token choose another identity). A publication is thus made by a named caller, kept "
                        + "with the version and in the audit trail, and live on that node at once (on every other "
                        + "within rules.poll-ms). Reading needs any identity, publishing CENTRE_ADMIN.",
                "(import, catalog, credentials and audit work at the server instead, on its database, as "
                        + "local:<user>.)"},
        footer = {"", "Exit status: 0 done; 2 refused, with the reason on stderr; 3 the gateway or its database is "
                + "unavailable or out of time; 1 anything else."},
        subcommands = {RulesCommand.ListVersions.class, RulesCommand.Show.class, RulesCommand.Diff.class,
                RulesCommand.Publish.class})
final class RulesCommand {
    /** Whose development certificate the rules commands present by default. */
    static final String ADMIN = "admin";

    /** Options of the commands that print a version. */
    static final class Output {
        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Option(names = "--lang", paramLabel = "zh|en", description = "labels' language (default: ${DEFAULT-VALUE})")
        String lang = "zh";

        RuleSheet sheet() {
            return new RuleSheet(Labels.parse(lang));
        }
    }

    /** Every published version, each with its rule file. */
    static List<RuleVersion> published(GatewayCall call, ManagedChannel channel, String plan) {
        return call.deadline(RuleAdminServiceGrpc.newBlockingStub(channel)).listRuleVersions(
                ListRuleVersionsRequest.newBuilder().setPlan(plan).setWithContent(true).build()).getVersionsList();
    }

    /** A published version with its parameters. */
    static RuleSheet.Version version(RuleVersion v) {
        return new RuleSheet.Version(v.getId(), v, RuleParameters.of(v.getOrigin(),
                v.getContent().getBytes(StandardCharsets.UTF_8)));
    }

    /** A rule file that may not be published, with its parameters; refused when it does not validate. */
    static RuleSheet.Version file(Path f) throws java.io.IOException {
        return new RuleSheet.Version(f.toString(), null, RuleParameters.of(f.toString(), Files.readAllBytes(f)));
    }

    static int refused(String why) {
        System.err.println(why);
        return ClientCommand.REFUSED;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every published version: plan, version, in force from/to, published when and by whom, "
                    + "and the reason when it was forced over dates that had settlements.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        GatewayCall call;
        @Mixin
        Output output;
        @Option(names = "--plan", paramLabel = "PLAN", description = "only this plan's versions")
        String plan = "";

        @Override
        public Integer call() throws Exception {
            return call.run(ADMIN, channel -> {
                var answer = call.deadline(RuleAdminServiceGrpc.newBlockingStub(channel))
                        .listRuleVersions(ListRuleVersionsRequest.newBuilder().setPlan(plan).build());
                System.out.print(output.json ? JsonFormat.printer().preservingProtoFieldNames().print(answer) + "\n"
                        : output.sheet().list(answer.getVersionsList()));
                return ClientCommand.DONE;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"The version of PLAN in force on --date (default: today): every parameter with its value "
                    + "in yuan or percent and its source — the clause, [interp] where POLICY.md fixes a reading, "
                    + "[assumed] for a sample number that is not policy.",
                    "PLAN may also be a version id (PLAN@YYYY-MM-DD), or a rule file to review before publishing it."})
    static final class Show implements Callable<Integer> {
        @Mixin
        GatewayCall call;
        @Mixin
        Output output;
        @Parameters(paramLabel = "PLAN", description = "e.g. NM-REGION-EMPLOYEE, CHIFENG-RESIDENT, MEDICAL-ASSISTANCE")
        String plan;
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the day (default: today)")
        LocalDate date;

        @Override
        public Integer call() throws Exception {
            try {
                return show();
            } catch (RuleLoadException e) {
                return refused(e);
            }
        }

        private int show() throws Exception {
            Path f = Path.of(plan);
            if (Files.isRegularFile(f)) {
                return print(file(f), null);
            }
            LocalDate day = date != null ? date : LocalDate.now();
            return call.run(ADMIN, channel -> {
                boolean byId = plan.contains("@");
                List<RuleVersion> all = published(call, channel, byId ? plan.substring(0, plan.indexOf('@')) : plan);
                List<RuleTable> tables = new ArrayList<>();
                for (RuleVersion v : all) {
                    tables.add(version(v).table());
                }
                RuleTable found = byId ? RuleBook.of(tables).byId(plan) : RuleBook.of(tables).find(plan, day);
                if (found == null) {
                    return refused(all.isEmpty() ? "no published version of " + plan + " (rules list shows them)"
                            : byId ? "no version " + plan + " (rules list shows them)"
                            : "no version of " + plan + " is in force on " + day);
                }
                RuleVersion meta = all.stream().filter(v -> v.getId().equals(found.id())).findFirst().orElseThrow();
                return print(version(meta), byId ? null : day);
            });
        }

        private int print(RuleSheet.Version v, LocalDate asked) throws Exception {
            System.out.print(output.json ? RuleJson.version(v, asked) : output.sheet().show(v, asked));
            return ClientCommand.DONE;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What differs between two versions, parameter by parameter: old → new, each with its source. "
                    + "V1 and V2 are version ids (PLAN@YYYY-MM-DD) or rule files.")
    static final class Diff implements Callable<Integer> {
        @Mixin
        GatewayCall call;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "V1")
        String v1;
        @Parameters(index = "1", paramLabel = "V2")
        String v2;

        @Override
        public Integer call() throws Exception {
            try {
                return diff();
            } catch (RuleLoadException e) {
                return refused(e);
            }
        }

        private int diff() throws Exception {
            boolean files = Files.isRegularFile(Path.of(v1)) && Files.isRegularFile(Path.of(v2));
            if (files) {
                return print(file(Path.of(v1)), file(Path.of(v2)));
            }
            return call.run(ADMIN, channel -> {
                List<RuleVersion> all = published(call, channel, "");
                RuleSheet.Version a = find(v1, all);
                RuleSheet.Version b = find(v2, all);
                if (a == null || b == null) {
                    return refused("no version " + (a == null ? v1 : v2) + ": give a version id (rules list shows "
                            + "them) or a rule file");
                }
                return print(a, b);
            });
        }

        private static RuleSheet.Version find(String name, List<RuleVersion> all) throws java.io.IOException {
            if (Files.isRegularFile(Path.of(name))) {
                return file(Path.of(name));
            }
            for (RuleVersion v : all) {
                if (v.getId().equals(name)) {
                    return version(v);
                }
            }
            return null;
        }

        private int print(RuleSheet.Version a, RuleSheet.Version b) throws Exception {
            System.out.print(output.json ? RuleJson.diff(a, b) : output.sheet().diff(a, b));
            return ClientCommand.DONE;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Publish FILE (a rule file as in config/rules) as a new effective-dated version "
                    + "(PublishRuleVersion): checked by the gateway, kept unchanged for ever, in the audit trail "
                    + "with the caller, live at once.",
                    "The same file again changes nothing. A version that would take effect on dates that already "
                            + "have settlements of its plan is refused (exit 2, RULE_VERSION_RETROACTIVE) unless "
                            + "--force-reason says why it must; the reason is kept with the version and in the trail."})
    static final class Publish implements Callable<Integer> {
        @Mixin
        GatewayCall call;
        @Parameters(paramLabel = "FILE", description = "the rule file (UTF-8 JSON)")
        Path file;
        @Option(names = "--force-reason", paramLabel = "TEXT",
                description = "why a version must take effect on dates that already have settlements")
        String forceReason = "";

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                return refused("rules publish: no file " + file);
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return call.run(ADMIN, channel -> {
                RuleVersion v;
                try {
                    v = call.deadline(RuleAdminServiceGrpc.newBlockingStub(channel)).publishRuleVersion(
                            PublishRuleVersionRequest.newBuilder().setContent(content).setForceReason(forceReason)
                                    .build());
                } catch (StatusRuntimeException e) {
                    int status = Refusals.report(e, System.err);
                    if (Refusals.reason(e).equals("RULE_VERSION_RETROACTIVE")) {
                        System.err.println("  to publish it over those dates, say why: rules publish " + file
                                + " --force-reason TEXT");
                    }
                    return status;
                }
                System.out.println((v.getCreated() ? "published " : "unchanged: already published ") + v.getId()
                        + " (" + v.getPlan() + ", in force from " + v.getEffectiveFrom()
                        + (v.getEffectiveTo().isEmpty() ? "" : " to " + v.getEffectiveTo()) + "), digest "
                        + v.getDigest().substring(0, 12) + (v.getPublishedBy().isEmpty() ? "" : ", by "
                        + v.getPublishedBy()) + (v.getForcedReason().isEmpty() ? ""
                        : "; forced over settled dates: " + v.getForcedReason()));
                if (v.getCreated()) {
                    System.out.println("live on this gateway now, on every other node within rules.poll-ms");
                }
                return ClientCommand.DONE;
            });
        }
    }

    /** A rule file that does not validate, as a refusal: the reader's words, exit status 2. */
    static int refused(RuleLoadException e) {
        return refused("refused: " + e.getMessage());
    }
}
