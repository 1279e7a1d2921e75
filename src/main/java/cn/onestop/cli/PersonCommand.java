package cn.onestop.cli;

import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.SettlementServiceGrpc;
import com.google.protobuf.util.JsonFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code onestop person show}: a person as a card — enrolment, plan, status, the year's
 * accumulators, the account balance — looked up by a credential at a running gateway (1101).
 */
@Command(name = "person", mixinStandardHelpOptions = true,
        description = "Look a person up at a running gateway.",
        subcommands = PersonCommand.Show.class)
final class PersonCommand {
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"A person by a credential presented at the counter: enrolment, plan, status, this year's "
                    + "accumulators and the account balance, as a card (--json: the API's JSON). ID and card "
                    + "numbers are masked but for their last four characters.",
                    "Calls a running gateway over gRPC (GetPerson) as the counter's institution — by default "
                            + ClientCommand.DEFAULT_SUBJECT + "; operations use --as auditor. Every lookup is in the "
                            + "audit trail."},
            footer = {"", "Exit status: 0 done; 2 refused (PERSON_NOT_FOUND …), with the reason on stderr; 3 the "
                    + "gateway or its database is unavailable or out of time; 1 anything else."})
    static final class Show implements Callable<Integer> {
        @Mixin
        GatewayCall call;
        @ArgGroup(multiplicity = "1")
        ClientCommand.CredentialOptions credential;
        @Option(names = "--year", paramLabel = "YYYY", description = "year of the accumulators (default: this year)")
        int year;
        @Option(names = "--json", description = "print the API's JSON instead of a card")
        boolean json;
        @Option(names = "--lang", paramLabel = "zh|en", description = "the card's language (default: ${DEFAULT-VALUE})")
        String lang = "zh";

        @Override
        public Integer call() throws Exception {
            Labels.Lang l = Labels.parse(lang);
            return call.run(ClientCommand.DEFAULT_SUBJECT, channel -> {
                PersonInfo p = call.deadline(SettlementServiceGrpc.newBlockingStub(channel)).getPerson(
                        GetPersonRequest.newBuilder().setCredential(credential.credential()).setYear(year).build());
                System.out.print(json ? JsonFormat.printer().preservingProtoFieldNames().print(p) + "\n"
                        : new PersonCard(l).card(p));
                return ClientCommand.DONE;
            });
        }
    }
}
