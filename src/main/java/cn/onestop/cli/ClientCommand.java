package cn.onestop.cli;

import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code onestop client …}: a counter terminal in a command: look a person up, pre-settle,
 * settle or reverse against a running gateway; requests and answers in the API's JSON form.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Call a running gateway: person, presettle, settle, reverse, settlement. Prints a receipt "
                + "(--json: the API's JSON).",
        footer = {"", "Exit status: 0 done; 2 refused, with the reason on stderr; 3 the gateway or its database is "
                + "unavailable, overloaded or out of time (retry with the same message id); 1 anything else."},
        subcommands = {ClientCommand.Person.class, ClientCommand.PreSettle.class, ClientCommand.Settle.class,
                ClientCommand.Reverse.class, ClientCommand.Get.class})
final class ClientCommand {
    /** Whose certificate to present when the request names no institution. */
    static final String DEFAULT_SUBJECT = "H15010500001";

    @Mixin
    Connection connection;

    @Option(names = "--json", description = "print the answer as the API's JSON instead of a receipt")
    boolean json;

    @Option(names = "--lang", paramLabel = "zh|en", description = "the receipt's language (default: ${DEFAULT-VALUE})")
    String lang = "zh";

    /** Exit statuses scripts can rely on. */
    static final int DONE = 0;
    static final int OTHER = 1;
    static final int REFUSED = 2;
    static final int UNAVAILABLE = 3;

    @Option(names = "--deadline-ms", paramLabel = "MS",
            description = "deadline of the call (default: ${DEFAULT-VALUE})")
    long deadlineMs = 10_000;

    interface Call {
        MessageOrBuilder call(SettlementServiceGrpc.SettlementServiceBlockingStub stub) throws Exception;
    }

    /** Calls the gateway as {@code subject} (unless --as, --cert or --token say otherwise). */
    int run(String subject, Call call) throws Exception {
        ManagedChannel channel = connection.open(subject);
        try {
            var stub = SettlementServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
            MessageOrBuilder answer = call.call(stub);
            System.out.print(json ? JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence()
                    .print(answer) + "\n" : receipt(answer));
            return DONE;
        } catch (StatusRuntimeException e) {
            return Refusals.report(e, System.err);
        } finally {
            channel.shutdownNow();
        }
    }

    private String receipt(MessageOrBuilder answer) {
        Receipt r = new Receipt(new Labels(Labels.parse(lang)));
        if (answer instanceof cn.onestop.api.v1.SettleResponse s) {
            return r.settled(s);
        }
        if (answer instanceof cn.onestop.api.v1.PreSettleResponse s) {
            return r.preSettled(s);
        }
        if (answer instanceof cn.onestop.api.v1.ReverseResponse s) {
            return r.reversed(s);
        }
        if (answer instanceof cn.onestop.api.v1.SettlementRecord s) {
            return r.settlement(s);
        }
        if (answer instanceof cn.onestop.api.v1.PersonInfo s) {
            return r.person(s);
        }
        throw new IllegalStateException("no receipt for " + answer.getClass().getSimpleName());
    }

    static int exitStatus(io.grpc.Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
                 UNAUTHENTICATED, OUT_OF_RANGE -> REFUSED;
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> UNAVAILABLE;
            default -> OTHER;
        };
    }

    static <T extends com.google.protobuf.Message.Builder> T read(Path file, T builder) throws Exception {
        JsonFormat.parser().merge(Files.readString(file, StandardCharsets.UTF_8), builder);
        return builder;
    }

    static final class CredentialOptions {
        @Option(names = "--e-voucher", paramLabel = "TOKEN", description = "医保电子凭证 token (01)")
        String eVoucher;
        @Option(names = "--id-card", paramLabel = "NUMBER", description = "ID number (02)")
        String idCard;
        @Option(names = "--ssc", paramLabel = "NUMBER", description = "social security card number (03)")
        String ssc;

        Credential credential() {
            if (eVoucher != null) {
                return Credential.newBuilder().setType(CredentialType.E_VOUCHER).setValue(eVoucher).build();
            }
            if (idCard != null) {
                return Credential.newBuilder().setType(CredentialType.ID_CARD).setValue(idCard).build();
            }
            return Credential.newBuilder().setType(CredentialType.SOCIAL_SECURITY_CARD).setValue(ssc).build();
        }
    }

    @Command(name = "person", mixinStandardHelpOptions = true,
            description = "1101: enrolment, identities, the year's accumulators and the account balance.")
    static final class Person implements Callable<Integer> {
        @ParentCommand
        ClientCommand parent;
        @ArgGroup(multiplicity = "1")
        CredentialOptions credential;
        @Option(names = "--year", description = "year of the accumulators (default: this year)")
        int year;

        @Override
        public Integer call() throws Exception {
            return parent.run(DEFAULT_SUBJECT, s -> s.getPerson(GetPersonRequest.newBuilder().setCredential(credential.credential())
                    .setYear(year).build()));
        }
    }

    @Command(name = "presettle", mixinStandardHelpOptions = true, description = "试算: the split, nothing written.")
    static final class PreSettle implements Callable<Integer> {
        @ParentCommand
        ClientCommand parent;
        @Parameters(paramLabel = "FILE", description = "a SettleRequest in JSON")
        Path file;

        @Override
        public Integer call() throws Exception {
            SettleRequest r = read(file, SettleRequest.newBuilder()).build();
            return parent.run(r.getInstitutionCode(), s -> s.preSettle(r));
        }
    }

    @Command(name = "settle", mixinStandardHelpOptions = true, description = "结算: split and commit, exactly once.")
    static final class Settle implements Callable<Integer> {
        @ParentCommand
        ClientCommand parent;
        @Parameters(paramLabel = "FILE", description = "a SettleRequest in JSON")
        Path file;
        @Option(names = "--message-id", description = "override the file's message_id")
        String messageId;

        @Override
        public Integer call() throws Exception {
            SettleRequest.Builder b = read(file, SettleRequest.newBuilder());
            if (messageId != null) {
                b.setMessageId(messageId);
            }
            return parent.run(b.getInstitutionCode(), s -> s.settle(b.build()));
        }
    }

    @Command(name = "reverse", mixinStandardHelpOptions = true, description = "撤销 / 冲正 a settlement.")
    static final class Reverse implements Callable<Integer> {
        @ParentCommand
        ClientCommand parent;
        @Option(names = "--institution", required = true)
        String institution;
        @Option(names = "--message-id", required = true, description = "the reversal's own message id")
        String messageId;
        @Option(names = "--settlement-id")
        String settlementId;
        @Option(names = "--original-message-id")
        String originalMessageId;
        @Option(names = "--reason")
        String reason = "";

        @Override
        public Integer call() throws Exception {
            ReverseRequest.Builder b = ReverseRequest.newBuilder().setInstitutionCode(institution)
                    .setMessageId(messageId).setReason(reason);
            if (settlementId != null) {
                b.setSettlementId(settlementId);
            } else if (originalMessageId != null) {
                b.setOriginalMessageId(originalMessageId);
            }
            return parent.run(institution, s -> s.reverse(b.build()));
        }
    }

    @Command(name = "settlement", mixinStandardHelpOptions = true, description = "One settlement by id.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ClientCommand parent;
        @Parameters(paramLabel = "SETTLEMENT_ID")
        String id;

        @Override
        public Integer call() throws Exception {
            return parent.run(DEFAULT_SUBJECT, s -> s.getSettlement(GetSettlementRequest.newBuilder().setSettlementId(id).build()));
        }
    }
}
