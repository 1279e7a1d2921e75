package cn.onestop.national;

import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.db.SqlErrors;
import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.Authenticator;
import cn.onestop.identity.Presented;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Role;
import cn.onestop.kernel.StoreException;
import cn.onestop.settle.UseCases;
import cn.onestop.visits.FileExchange;
import cn.onestop.visits.VisitUseCases;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The national platform's interface as a front over the use cases: one request body in, one
 * response envelope out. The caller is authenticated first (a bearer token or the TLS client
 * certificate, as on the gRPC port), the envelope read, {@code fixmedins_code} checked against the
 * caller, the transaction found by {@code infno} and run within the call's deadline. A refusal is
 * infcode -2 naming every field at fault; -1 only when a transaction that changes something lost the
 * database or its deadline under it, so that its outcome is unknown. Never a stack trace.
 */
public final class NationalFront {
    private static final Logger LOG = LoggerFactory.getLogger(NationalFront.class);

    private final Map<String, Transaction> transactions;
    private final Authenticator authenticator;
    private final AuthFailures failures;
    private final Timeouts timeouts;
    private final Clock clock;
    private final RefMsgIds refMsgIds = new RefMsgIds();

    /**
     * @param clock the gateway's clock in its zone (times in answers, the business date)
     * @param timeouts how long a message may take: the national interface carries no deadline
     * @param maxFileBytes the largest file 9101 takes
     */
    public NationalFront(UseCases cases, VisitUseCases visits, ClearingUseCases clearing, FileExchange files,
                         CodeTables tables, Authenticator authenticator, AuthFailures failures, Timeouts timeouts,
                         Clock clock, int maxFileBytes) {
        this.authenticator = authenticator;
        this.failures = failures;
        this.timeouts = timeouts;
        this.clock = clock;
        Codes codes = new Codes(tables);
        Outputs outputs = new Outputs(codes, clock.getZone());
        Map<String, Transaction> t = new HashMap<>();
        new PersonTransactions(cases, codes, clock).register(t);
        new VisitTransactions(visits.visits(), codes).register(t);
        new FeeTransactions(visits.visits(), codes, cases.limits()).register(t);
        new SettleTransactions(visits.visits(), visits.settlements(), codes, outputs, clock).register(t);
        new ReversalTransaction(visits.reversals(), outputs).register(t);
        new FileTransactions(files, clock.getZone(), maxFileBytes).register(t);
        new ClearingTransactions(clearing).register(t);
        new DetailTransactions(clearing, files, clock.getZone()).register(t);
        new NodeTransactions(clearing, clock.getZone()).register(t);
        this.transactions = Map.copyOf(t);
    }

    /** How long a checkout's message may take, and a clearing message (3xxx). */
    public record Timeouts(Duration checkout, Duration clearing) {
    }

    /** Whether {@code infno} is a clearing message (3xxx): answered on the clearing side's executor, within its timeout. */
    static boolean isClearing(String infno) {
        return infno != null && infno.length() == 4 && infno.charAt(0) == '3';
    }

    /** The transaction numbers answered, for the log. */
    public java.util.Set<String> infnos() {
        return new java.util.TreeSet<>(transactions.keySet());
    }

    /**
     * The answer to one request (blocking: call it on a worker).
     *
     * @param presented what the request presented, null for an authorization header that is not a bearer token
     * @param pathInfno the infno appended to the path, or null
     */
    Reply.Http handle(byte[] body, Presented presented, String pathInfno, String requestId) {
        ZonedDateTime received = ZonedDateTime.now(clock);
        Deadline deadline = Deadline.after(isClearing(pathInfno != null ? pathInfno : NationalJson.infno(body))
                ? timeouts.clearing() : timeouts.checkout());
        try (Deadline.Scope scope = deadline.enter()) {
            Authenticator.Outcome who = authenticator.authenticate(presented == null ? Presented.NOTHING : presented,
                    requestId);
            if (who.caller().isEmpty()) {
                failures.refused("national", who, requestId);
                return refused(401, "000000", received, Failure.of(Reason.UNAUTHENTICATED, "no valid identity: "
                        + "present a client certificate issued by the gateway's CA or an 'Authorization: Bearer "
                        + "<token>' header"));
            }
            return envelope(body, who.caller().get(), pathInfno, received, deadline);
        } catch (RuntimeException | Error e) {
            return unexpected("national", e, true, "000000", received);
        }
    }

    private Reply.Http envelope(byte[] body, Caller caller, String pathInfno, ZonedDateTime received,
                                Deadline deadline) {
        JsonNode json;
        try {
            json = NationalJson.parse(body);
        } catch (JacksonException e) {
            return refused(400, "000000", received, Failure.of(Reason.INVALID_ARGUMENT, "the body is not one JSON "
                    + "document: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return refused(400, "000000", received, Failure.of(Reason.INVALID_ARGUMENT, "the body cannot be read"));
        }
        List<FieldViolation> bad = new ArrayList<>();
        Envelope env = json == null ? null : Envelope.read(json, bad);
        if (env == null) {
            bad.add(new FieldViolation("(body)", "is empty"));
        } else if (pathInfno != null && env.infno() != null && !pathInfno.equals(env.infno())) {
            bad.add(new FieldViolation("infno", "is " + env.infno() + ", but the path names " + pathInfno));
        }
        Transaction t = env == null || env.infno() == null ? null : transactions.get(env.infno());
        if (env != null && env.infno() != null && t == null) {
            bad.add(new FieldViolation("infno", "is " + env.infno() + ", which the gateway does not answer ("
                    + String.join(" ", infnos()) + ")"));
        }
        String area = env != null && env.mdtrtareaAdmvs() != null ? env.mdtrtareaAdmvs() : "000000";
        if (!bad.isEmpty()) {
            return answer(200, area, received, Answers.invalid(bad));
        }
        if (caller.is(Role.INSTITUTION) && !caller.institutionCode().equals(env.fixmedinsCode())) {
            return refused(200, area, received, Failure.of(Reason.INSTITUTION_MISMATCH, "fixmedins_code is "
                    + env.fixmedinsCode() + ", but the caller is institution " + caller.institutionCode()));
        }
        Call call = new Call(caller, env, deadline);
        try {
            return answer(200, area, received, t.run(call));
        } catch (InvalidRequestException e) {
            return answer(200, area, received, Answers.invalid(e.violations()));
        } catch (RuntimeException | Error e) {
            return unexpected(env.infno() + "/" + env.msgid(), e, t.changes(), area, received);
        }
    }

    private Reply.Http answer(int status, String area, ZonedDateTime received, Outcome o) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        String ref = refMsgIds.next(area, now);
        if (o instanceof Outcome.Ok ok) {
            return Reply.of(status, Reply.OK, ref, received, now, "", ok.warnings(), ok.output());
        }
        if (o instanceof Outcome.File f) {
            return Reply.file(f.filename(), f.content());
        }
        if (o instanceof Outcome.Written w) {
            return Reply.of(status, Reply.OK, ref, received, now, "", "", parse(w.output()));
        }
        return Reply.of(status, Reply.REFUSED, ref, received, now, message(((Outcome.Refused) o).failure()), "", null);
    }

    private static JsonNode parse(String output) {
        try {
            return NationalJson.parse(output.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("a stored answer is not JSON", e);
        }
    }

    private Reply.Http refused(int status, String area, ZonedDateTime received, Failure f) {
        return answer(status, area, received, new Outcome.Refused(f));
    }

    /** A refusal's err_msg: its reason and message, and every field at fault (16 named, then a count). */
    static String message(Failure f) {
        StringBuilder sb = new StringBuilder(f.reason().name()).append(": ").append(f.message());
        String named = sb.toString();
        String sep = " — ";
        for (int i = 0; i < f.violations().size() && i < 16; i++) {
            String field = f.violations().get(i).field();
            if (!named.contains(field + " ")) { // the message names it already (the front's own refusals)
                sb.append(sep).append(field).append(' ').append(f.violations().get(i).description());
                sep = "; ";
            }
        }
        if (f.violations().size() > 16) {
            sb.append("; and ").append(f.violations().size() - 16).append(" more");
        }
        return sb.toString();
    }

    /**
     * An exception that escaped a transaction: for one that changes something the outcome is unknown
     * (-1: reverse with 2601, or send it again under the same msgid); a read did nothing (-2).
     */
    private Reply.Http unexpected(String what, Throwable t, boolean changes, String area, ZonedDateTime received) {
        if (!(t instanceof StoreException) && t instanceof RuntimeException && sqlCause(t)) {
            t = SqlErrors.toStore(what, t);
        }
        String text;
        if (t instanceof StoreException s && s.kind() != StoreException.Kind.FAILED) {
            LOG.warn("{}: {}: {}", what, s.kind(), s.getMessage());
            text = switch (s.kind()) {
                case UNAVAILABLE -> "the settlement database is not reachable";
                case TIMEOUT -> "the deadline passed while waiting for the database";
                default -> "concurrent requests conflicted";
            };
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.error("{}: incident {}", what, incident, t);
            text = "internal error, incident " + incident;
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        String ref = refMsgIds.next(area, now);
        if (changes) {
            return Reply.of(200, Reply.UNKNOWN, ref, received, now, text + ": the outcome is unknown; send the same "
                    + "message again (same msgid) or reverse it with 2601", "", null);
        }
        return Reply.of(200, Reply.REFUSED, ref, received, now, text + ": nothing was done; send it again", "", null);
    }

    private static boolean sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /** A request the transport refused before the front read it (too large, the gateway at capacity). */
    Reply.Http transportRefusal(int status, String why) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        return Reply.of(status, Reply.REFUSED, refMsgIds.next("000000", now), now, now, why, "", null);
    }
}
