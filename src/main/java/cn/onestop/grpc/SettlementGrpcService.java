package cn.onestop.grpc;

import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.ListSettlementsRequest;
import cn.onestop.api.v1.ListSettlementsResponse;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.PreSettleResponse;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementRecord;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.kernel.Canonical;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.PageCursor;
import cn.onestop.settle.UseCases;
import io.grpc.stub.StreamObserver;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settlement API: maps each message onto its use case and the answer back. Runs on the bounded
 * worker pool, never on an event loop.
 */
final class SettlementGrpcService extends SettlementServiceGrpc.SettlementServiceImplBase {
    private static final int MAX_PAGE = 500;
    private static final int DEFAULT_PAGE = 50;

    private final UseCases useCases;
    private final Calls calls;
    private final Clock clock;
    private final ZoneId zone;

    SettlementGrpcService(UseCases useCases, Calls calls, Clock clock, ZoneId zone) {
        this.useCases = useCases;
        this.calls = calls;
        this.clock = clock;
        this.zone = zone;
    }

    private RequestMapper mapper() {
        return new RequestMapper(useCases.limits(), today());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    @Override
    public void preSettle(SettleRequest request, StreamObserver<PreSettleResponse> out) {
        calls.run("PreSettle", out, (caller, deadline) -> useCases.preSettle().preSettle(caller, mapper().settle(request, false))
                .map(SettlementMessages::preSettled));
    }

    @Override
    public void settle(SettleRequest request, StreamObserver<SettleResponse> out) {
        calls.runAsync("Settle", out, (caller, deadline) -> useCases.settle()
                .settleAsync(caller, mapper().settle(request, true), deadline)
                .thenApply(r -> r.map(SettlementMessages::settled)));
    }

    @Override
    public void reverse(ReverseRequest request, StreamObserver<ReverseResponse> out) {
        calls.run("Reverse", out, (caller, deadline) -> useCases.reverse().reverse(caller, mapper().reverse(request), deadline)
                .map(SettlementMessages::reversed));
    }

    @Override
    public void getSettlement(GetSettlementRequest request, StreamObserver<SettlementRecord> out) {
        calls.run("GetSettlement", out, (caller, deadline) -> {
            Optional<cn.onestop.settle.SettlementRecord> r;
            List<FieldViolation> bad = new ArrayList<>();
            switch (request.getKeyCase()) {
                case SETTLEMENT_ID -> {
                    if (!Canonical.checkSettlementId(bad, "settlement_id", request.getSettlementId())) {
                        throw new InvalidRequestException(bad);
                    }
                    r = useCases.reads().find(caller, request.getSettlementId());
                }
                case BY_MESSAGE -> {
                    var m = request.getByMessage();
                    Canonical.checkInstitutionCode(bad, "by_message.institution_code", m.getInstitutionCode(), true);
                    Canonical.checkMessageId(bad, "by_message.message_id", m.getMessageId(), true);
                    if (!bad.isEmpty()) {
                        throw new InvalidRequestException(bad);
                    }
                    r = useCases.reads().findByMessage(caller, m.getInstitutionCode(), m.getMessageId());
                }
                default -> {
                    return Result.invalid("key", "name the settlement: settlement_id or by_message");
                }
            }
            return r.map(SettlementMessages::record).<Result<SettlementRecord>>map(Result::ok)
                    .orElseGet(() -> Result.failed(Reason.SETTLEMENT_NOT_FOUND, "no such settlement"));
        });
    }

    @Override
    public void listSettlements(ListSettlementsRequest request, StreamObserver<ListSettlementsResponse> out) {
        calls.run("ListSettlements", out, (caller, deadline) -> {
            List<FieldViolation> bad = new ArrayList<>();
            Canonical.checkInstitutionCode(bad, "institution_code", request.getInstitutionCode(), true);
            LocalDate from = Canonical.date(bad, "from_date", request.getFromDate());
            LocalDate to = Canonical.date(bad, "to_date", request.getToDate());
            if (from != null && to != null) {
                useCases.limits().listDates(bad, from, to, today());
                if (to.isBefore(from)) {
                    bad.add(new FieldViolation("to_date", "is before from_date"));
                }
            }
            if (request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE) {
                bad.add(new FieldViolation("page_size", "must be 0.." + MAX_PAGE));
            }
            if (!bad.isEmpty()) {
                throw new InvalidRequestException(bad);
            }
            Optional<PageCursor> after = PageTokens.cursor(request.getPageToken());
            int size = request.getPageSize() == 0 ? DEFAULT_PAGE : request.getPageSize();
            return useCases.reads().list(caller, request.getInstitutionCode(), from, to, size, after)
                    .map(SettlementMessages::page);
        });
    }

    @Override
    public void getPerson(GetPersonRequest request, StreamObserver<PersonInfo> out) {
        calls.run("GetPerson", out, (caller, deadline) -> {
            List<FieldViolation> bad = new ArrayList<>();
            CredentialRef c = RequestMapper.credential(bad, "credential",
                    request.hasCredential() ? request.getCredential() : null);
            if (request.getYear() < 0 || request.getYear() > 9999) {
                bad.add(new FieldViolation("year", "must be 0 (this year) or a year"));
            }
            if (!bad.isEmpty()) {
                throw new InvalidRequestException(bad);
            }
            int year = request.getYear() == 0 ? LocalDate.now(clock.withZone(zone)).getYear() : request.getYear();
            return useCases.persons().person(caller, c, year, deadline).map(SettlementMessages::person);
        });
    }

}
