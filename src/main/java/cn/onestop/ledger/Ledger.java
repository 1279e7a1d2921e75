package cn.onestop.ledger;

import cn.onestop.audit.AuditTrail;

import cn.onestop.kernel.Failure;

import cn.onestop.kernel.Reason;

import cn.onestop.kernel.Result;

import cn.onestop.api.SettlementMessages;
import cn.onestop.api.v1.AssistanceIdentity;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.ListSettlementsResponse;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.PreSettleResponse;
import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.Settlement;
import cn.onestop.api.v1.SettlementRecord;
import cn.onestop.api.v1.SettlementStatus;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.catalog.CatalogCache;
import cn.onestop.catalog.CatalogClassifier;
import cn.onestop.catalog.CatalogVersion;
import cn.onestop.catalog.ItemLine;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.json.RequestJson;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.request.BillLine;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.Institution;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The durable ledger around the pure engine. One settlement is one transaction: find the person
 * by credential, lock the person's year row, split with the rule version in force, then write the
 * settlement, its fund rows, the accumulator delta, the account debit and the idempotency key
 * together. Accumulators and balances are never cached; only rule tables, institutions and catalog
 * items are.
 *
 * <p>Coded bill lines are classified from the catalog of the institution's region in force on the
 * settle date (就医地目录), before any lock is taken, in PreSettle and Settle alike; the catalog's
 * warnings and version go into the settlement as answered and stored.
 *
 * <p>Blocking (JDBC): call it from a worker thread, never from a network event loop.
 */
public final class Ledger {
    private final Transactions tx;
    private final Supplier<RuleBook> rules;
    private final CatalogCache catalogs;
    private final Clock clock;
    private final Ids ids = new Ids();
    private final Cache<String, PersonStore.Registered> institutions = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(Duration.ofSeconds(30)).recordStats().build();

    /** A ledger without catalogs: a bill with a coded line is refused with NO_CATALOG_VERSION. */
    public Ledger(DataSource dataSource, Supplier<RuleBook> rules, Clock clock) {
        this(dataSource, rules, null, clock);
    }

    /** @param catalogs the catalogs that classify coded lines; null: none */
    public Ledger(DataSource dataSource, Supplier<RuleBook> rules, CatalogCache catalogs, Clock clock) {
        this.tx = new Transactions(dataSource);
        this.rules = rules;
        this.catalogs = catalogs;
        this.clock = clock;
    }

    /** Statistics of the institution cache. */
    public CacheStats institutionCacheStats() {
        return institutions.stats();
    }

    public long institutionCacheSize() {
        return institutions.estimatedSize();
    }

    /** 试算: the split from stored state; nothing is locked or written. */
    public Result<PreSettleResponse> preSettle(SettleCommand cmd) throws SQLException {
        return tx.run(c -> {
            Context ctx = new Context();
            Result<PreSettleResponse> refused = resolve(c, cmd, ctx);
            if (refused == null) {
                refused = classify(c, cmd, ctx);
            }
            if (refused != null) {
                return refused;
            }
            Accumulators ytd = AccumulatorStore.peek(c, ctx.person.personId(), ctx.person.plan(), ctx.year);
            long balance = AccountStore.peek(c, ctx.person.personId());
            long familyBalance = ctx.familyId == null ? 0 : AccountStore.peek(c, ctx.familyId);
            Result<cn.onestop.engine.Settlement> split = split(cmd, ctx, ytd, balance, familyBalance);
            if (split instanceof Result.Failed<cn.onestop.engine.Settlement> f) {
                return new Result.Failed<>(f.failure());
            }
            return Result.ok(PreSettleResponse.newBuilder().setPersonId(ctx.person.personId())
                    .setSettlement(result(ctx, SettlementMessages.toProto(ctx.person.plan(), cmd.settleDate(),
                            split.value())))
                    .build());
        });
    }

    /** 结算: computes and commits atomically, exactly once per (institution, message id). */
    public Result<SettleResponse> settle(SettleCommand cmd, Duration timeout) throws SQLException {
        int timeoutSeconds = seconds(timeout);
        return tx.run(c -> {
            Context ctx = new Context();
            Result<SettleResponse> refused = resolve(c, cmd, ctx);
            if (refused == null) {
                refused = classify(c, cmd, ctx);
            }
            if (refused != null) {
                // a retry is answered as first answered even if the person or catalog changed since
                Result<SettleResponse> replay = replaySettle(c, cmd);
                return replay != null ? replay : refused;
            }
            String personId = ctx.person.personId();
            Accumulators ytd = AccumulatorStore.lock(c, personId, ctx.person.plan(), ctx.year, timeoutSeconds);
            // a retry, or a concurrent duplicate that committed while we waited for the lock
            Result<SettleResponse> replay = replaySettle(c, cmd);
            if (replay != null) {
                return replay;
            }
            List<String> accounts = ctx.familyId == null ? List.of(personId) : List.of(personId, ctx.familyId);
            Map<String, Long> balances = AccountStore.lock(c, accounts);
            long balance = balances.get(personId);
            long familyBalance = ctx.familyId == null ? 0 : balances.get(ctx.familyId);
            Result<cn.onestop.engine.Settlement> split = split(cmd, ctx, ytd, balance, familyBalance);
            if (split instanceof Result.Failed<cn.onestop.engine.Settlement> f) {
                return new Result.Failed<>(f.failure());
            }
            cn.onestop.engine.Settlement s = split.value();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the column keeps it
            String id = ids.next('S', now.toEpochMilli());
            Settlement result = result(ctx, SettlementMessages.toProto(ctx.person.plan(), cmd.settleDate(), s));
            SettlementStore.insert(c, new SettlementStore.NewSettlement(id, cmd, personId, ctx.person.plan(), ctx.year,
                    result, s.ownAccountDebit(), ctx.familyId, s.familyDebit(), ctx.engineInput, now));
            AccumulatorStore.apply(c, personId, ctx.person.plan(), ctx.year, "SETTLE", id, s.delta());
            AccountStore.move(c, personId, balance, -s.ownAccountDebit(), "SETTLE", id);
            if (s.familyDebit() > 0) {
                AccountStore.move(c, ctx.familyId, familyBalance, -s.familyDebit(), "FAMILY_AID", id);
            }
            IdempotencyStore.insert(c, cmd.institutionCode(), cmd.messageId(), "SETTLE", cmd.requestHash(), id, now);
            AuditTrail.record(c, "SETTLE", id, cmd.institutionCode() + "/" + cmd.messageId() + " person " + personId
                    + " credential " + cmd.credential().type() + ":" + cmd.credential().masked() + " medfee "
                    + s.amounts().medfeeSumamt() + " funds " + s.amounts().fundPaySumamt());
            return Result.ok(SettleResponse.newBuilder().setRecord(SettlementRecord.newBuilder().setSettlementId(id)
                    .setInstitutionCode(cmd.institutionCode()).setMessageId(cmd.messageId()).setPersonId(personId)
                    .setStatus(SettlementStatus.SETTLED).setSettlement(result).setCreatedAt(now.toString())).build());
        });
    }

    /** 撤销 / 冲正: undoes a settlement exactly; a second reversal changes nothing and answers the same. */
    public Result<ReverseResponse> reverse(ReverseCommand cmd, Duration timeout) throws SQLException {
        int timeoutSeconds = seconds(timeout);
        return tx.run(c -> {
            IdempotencyStore.Key key = IdempotencyStore.find(c, cmd.institutionCode(), cmd.messageId());
            if (key != null) {
                return replayReverse(c, key, cmd.requestHash());
            }
            SettlementStore.Locator where = SettlementStore.locate(c, cmd.settlementId(), cmd.institutionCode(),
                    cmd.originalMessageId());
            if (where == null || !where.institutionCode().equals(cmd.institutionCode())) {
                return Result.failed(Reason.SETTLEMENT_NOT_FOUND, "no settlement "
                        + (cmd.settlementId() != null ? cmd.settlementId() : "with message id " + cmd.originalMessageId())
                        + " at institution " + cmd.institutionCode());
            }
            // the same lock order as Settle: the person's year row first
            AccumulatorStore.lock(c, where.personId(), where.plan(), where.year(), timeoutSeconds);
            key = IdempotencyStore.find(c, cmd.institutionCode(), cmd.messageId());
            if (key != null) {
                return replayReverse(c, key, cmd.requestHash());
            }
            SettlementStore.Stored stored = SettlementStore.lockForReversal(c, where.settlementId());
            Instant now = clock.instant();
            if (stored.record().getReversalId().isEmpty()) {
                String reversalId = ids.next('R', now.toEpochMilli());
                Accumulators delta = delta(stored.record().getSettlement()).negated();
                List<String> accounts = stored.familyPersonId() == null ? List.of(where.personId())
                        : List.of(where.personId(), stored.familyPersonId());
                Map<String, Long> balances = AccountStore.lock(c, accounts);
                AccumulatorStore.apply(c, where.personId(), stored.plan(), stored.year(), "REVERSE", where.settlementId(),
                        delta);
                AccountStore.move(c, where.personId(), balances.get(where.personId()), stored.ownDebit(), "REVERSE",
                        where.settlementId());
                if (stored.familyDebit() > 0) {
                    AccountStore.move(c, stored.familyPersonId(), balances.get(stored.familyPersonId()),
                            stored.familyDebit(), "FAMILY_AID_REVERSE",
                            where.settlementId());
                }
                SettlementStore.insertReversal(c, reversalId, where.settlementId(), cmd, now);
                SettlementStore.markReversed(c, where.settlementId(), reversalId, now);
                IdempotencyStore.insert(c, cmd.institutionCode(), cmd.messageId(), "REVERSE", cmd.requestHash(),
                        reversalId, now);
                AuditTrail.record(c, "REVERSE", where.settlementId(), "reversal " + reversalId + " by "
                        + cmd.institutionCode() + "/" + cmd.messageId() + ": " + cmd.reason());
                return Result.ok(reversal(c, where.settlementId(), false));
            }
            // already reversed: nothing changes; this message id now answers the same
            IdempotencyStore.insert(c, cmd.institutionCode(), cmd.messageId(), "REVERSE", cmd.requestHash(),
                    stored.record().getReversalId(), now);
            return Result.ok(reversal(c, where.settlementId(), true));
        });
    }

    public Optional<SettlementRecord> find(String settlementId) throws SQLException {
        return Optional.ofNullable(tx.read(c -> SettlementStore.find(c, settlementId)));
    }

    public Optional<SettlementRecord> findByMessage(String institutionCode, String messageId) throws SQLException {
        return Optional.ofNullable(tx.read(c -> SettlementStore.findByMessage(c, institutionCode, messageId)));
    }

    /**
     * One page of an institution's settlements dated {@code from..to}, newest first. The page token
     * is opaque to callers (the last record's date and id).
     */
    public Result<ListSettlementsResponse> list(String institutionCode, LocalDate from, LocalDate to, int pageSize,
                                                String pageToken) throws SQLException {
        LocalDate afterDate = null;
        String afterId = null;
        if (pageToken != null && !pageToken.isEmpty()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8)
                        .split("\\|", 2);
                afterDate = LocalDate.parse(parts[0]);
                afterId = parts[1];
            } catch (RuntimeException e) {
                return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, "page_token: not a token from "
                        + "this API", List.of(new cn.onestop.kernel.FieldViolation("page_token", "is not valid"))));
            }
        }
        LocalDate ad = afterDate;
        String aid = afterId;
        List<SettlementRecord> page = tx.read(c -> SettlementStore.list(c, institutionCode, from, to, ad, aid,
                pageSize + 1));
        ListSettlementsResponse.Builder b = ListSettlementsResponse.newBuilder();
        b.addAllRecords(page.subList(0, Math.min(pageSize, page.size())));
        if (page.size() > pageSize) {
            SettlementRecord last = page.get(pageSize - 1);
            b.setNextPageToken(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.getSettlement().getSettleDate() + "|" + last.getSettlementId())
                            .getBytes(StandardCharsets.UTF_8)));
        }
        return Result.ok(b.build());
    }

    /** 1101: the person holding the credential, with the year's accumulators and the balance. */
    public Result<PersonInfo> person(CredentialRef credential, int year) throws SQLException {
        return tx.read(c -> {
            String id = PersonStore.byCredential(c, credential);
            if (id == null) {
                return Result.failed(Reason.PERSON_NOT_FOUND, "no person holds this credential");
            }
            PersonRecord p = PersonStore.load(c, id);
            PersonInfo.Builder b = PersonInfo.newBuilder().setPersonId(p.personId()).setName(p.name())
                    .setPlan(p.plan()).setStatus(p.status().name()).setCivilServant(p.civilServant())
                    .setMedicalCare(p.medicalCare()).setCrDisabled(p.crDisabled().name()).setArrears(p.arrears())
                    .setStudent(p.student()).setYear(year)
                    .setAccountBalance(AccountStore.peek(c, id));
            if (p.benefitStart() != null) {
                b.setBenefitStart(p.benefitStart().toString());
            }
            if (p.birthDate() != null) {
                b.setBirthDate(p.birthDate().toString());
            }
            if (p.enrolledOn() != null) {
                b.setEnrolledOn(p.enrolledOn().toString());
            }
            for (cn.onestop.request.AssistanceIdentity a : p.assistance()) {
                b.addAssistance(AssistanceIdentity.newBuilder().setCategory(a.category().name())
                        .setFrom(a.from().toString()).setTo(a.to() == null ? "" : a.to().toString()));
            }
            Accumulators ytd = AccumulatorStore.peek(c, id, p.plan(), year);
            for (Accumulator a : Accumulator.values()) {
                b.putAccumulators(a.key(), ytd.get(a));
            }
            for (CredentialRef cr : p.credentials()) {
                b.addCredentials(Credential.newBuilder().setType(CredentialType.forNumber(cr.type()))
                        .setValue(cr.masked()));
            }
            return Result.ok(b.build());
        });
    }

    // ---- inside the transaction ----

    /** What one settlement resolves before it splits. */
    private static final class Context {
        Institution institution;
        String region;
        List<BillLine> lines;
        List<String> catalogWarnings = List.of();
        String catalogVersion;
        PersonRecord person;
        String familyId;
        int year;
        String engineInput;
    }

    /** Institution, person by credential, family payer; null when all found, else the refusal. */
    private <T> Result<T> resolve(Connection c, SettleCommand cmd, Context ctx) throws SQLException {
        PersonStore.Registered inst = institutions.getIfPresent(cmd.institutionCode());
        if (inst == null) {
            inst = PersonStore.institution(c, cmd.institutionCode());
            if (inst == null) {
                return Result.failed(Reason.INSTITUTION_NOT_FOUND, "institution " + cmd.institutionCode()
                        + " is not a registered designated institution");
            }
            institutions.put(cmd.institutionCode(), inst);
        }
        ctx.institution = inst.institution();
        ctx.region = inst.region();
        PersonRecord person = PersonStore.holding(c, cmd.credential());
        if (person == null) {
            return Result.failed(Reason.PERSON_NOT_FOUND, "no person holds this credential");
        }
        String personId = person.personId();
        if (cmd.personId() != null && !cmd.personId().equals(personId)) {
            return Result.failed(Reason.CREDENTIAL_MISMATCH, "the credential does not belong to person "
                    + cmd.personId() + " (W §21: person and credential must match)");
        }
        ctx.person = person;
        ctx.year = cmd.settleDate().getYear();
        if (cmd.family() != null) {
            String familyId = PersonStore.byCredential(c, cmd.family().credential());
            if (familyId == null) {
                return Result.failed(Reason.PERSON_NOT_FOUND, "no person holds the family payer's credential");
            }
            if (familyId.equals(personId)) {
                return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, "family_payer: is the patient",
                        List.of(new cn.onestop.kernel.FieldViolation("family_payer.credential",
                                "names the patient, not a family member"))));
            }
            ctx.familyId = familyId;
        }
        return null;
    }

    /**
     * The engine's lines: coded lines from the catalog version of the institution's region in force
     * on the settle date; null when classified, else the refusal (coded lines and no version).
     */
    private <T> Result<T> classify(Connection c, SettleCommand cmd, Context ctx) throws SQLException {
        List<ItemLine> lines = cmd.lines();
        if (!CatalogClassifier.usesCatalog(lines)) {
            ctx.lines = CatalogClassifier.classify(lines, code -> null).lines();
            return null;
        }
        CatalogVersion version = catalogs == null ? null : catalogs.inForce(ctx.region, cmd.settleDate());
        if (version == null) {
            return Result.failed(Reason.NO_CATALOG_VERSION, "no catalog of region " + ctx.region + " (institution "
                    + cmd.institutionCode() + ") is in force on " + cmd.settleDate() + ": the coded lines cannot be "
                    + "classified; import one (onestop catalog import) or send the lines with their category");
        }
        CatalogClassifier.Classified classified = catalogs.classify(c, version, lines);
        ctx.lines = classified.lines();
        ctx.catalogWarnings = classified.warnings();
        ctx.catalogVersion = version.id();
        return null;
    }

    /** The settlement as answered and stored: the engine's, with the catalog's warnings and version. */
    private static Settlement result(Context ctx, Settlement s) {
        if (ctx.catalogVersion == null) {
            return s;
        }
        return s.toBuilder().addAllWarnings(ctx.catalogWarnings).setCatalogVersion(ctx.catalogVersion).build();
    }

    private Result<cn.onestop.engine.Settlement> split(SettleCommand cmd, Context ctx, Accumulators ytd, long balance,
                                                       long familyBalance) {
        SettlementRequest req;
        try {
            FamilyPayer family = cmd.family() == null ? null
                    : new FamilyPayer(cmd.family().relation(), familyBalance);
            req = new SettlementRequest(ctx.person.plan(), cmd.settleDate(), ctx.person.toEngine(balance, family),
                    ctx.institution, cmd.visit(), ytd, ctx.lines);
        } catch (InvalidRequestException e) {
            return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, e.getMessage(), e.violations()));
        }
        Outcome outcome = SplitEngine.split(req, rules.get());
        if (outcome instanceof Outcome.Refused r) {
            return new Result.Failed<>(new Failure(Reason.valueOf(r.code().name()), r.reason(), r.violations()));
        }
        ctx.engineInput = RequestJson.write(req).toString();
        return Result.ok(((Outcome.Settled) outcome).settlement());
    }

    private Result<SettleResponse> replaySettle(Connection c, SettleCommand cmd) throws SQLException {
        IdempotencyStore.Key key = IdempotencyStore.find(c, cmd.institutionCode(), cmd.messageId());
        if (key == null) {
            return null;
        }
        if (!key.operation().equals("SETTLE") || !Arrays.equals(key.requestHash(), cmd.requestHash())) {
            return Result.failed(Reason.MESSAGE_ID_REUSED, "message id " + cmd.messageId() + " of institution "
                    + cmd.institutionCode() + " was already used for a different request");
        }
        return Result.ok(SettleResponse.newBuilder().setRecord(SettlementStore.find(c, key.targetId()))
                .setReplayed(true).build());
    }

    private Result<ReverseResponse> replayReverse(Connection c, IdempotencyStore.Key key, byte[] hash)
            throws SQLException {
        if (!key.operation().equals("REVERSE") || !Arrays.equals(key.requestHash(), hash)) {
            return Result.failed(Reason.MESSAGE_ID_REUSED, "this message id was already used for a different request");
        }
        return Result.ok(reversal(c, SettlementStore.reversedSettlement(c, key.targetId()), true));
    }

    private static ReverseResponse reversal(Connection c, String settlementId, boolean replayed) throws SQLException {
        SettlementStore.Stored s = SettlementStore.read(c, settlementId);
        ReverseResponse.Builder b = ReverseResponse.newBuilder().setRecord(s.record())
                .setReversalId(s.record().getReversalId()).setAccountCredit(s.ownDebit())
                .setFamilyAccountCredit(s.familyDebit()).setReplayed(replayed);
        delta(s.record().getSettlement()).negated().nonZero().forEach((k, v) -> b.putAccumulatorDelta(k.key(), v));
        return b.build();
    }

    static Accumulators delta(Settlement s) {
        long[] v = new long[Accumulator.count()];
        s.getAccumulatorDeltaMap().forEach((k, x) -> v[Accumulator.byKey(k).ordinal()] = x);
        return Accumulators.of(v);
    }

    private static int seconds(Duration timeout) {
        if (timeout == null) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    }
}
