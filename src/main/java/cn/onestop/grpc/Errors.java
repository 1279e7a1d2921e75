package cn.onestop.grpc;

import cn.onestop.db.SqlErrors;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.kernel.StoreException;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Maps refusals and failures to gRPC status with google.rpc details: BadRequest field violations
 * for bad input, ErrorInfo with a stable reason for every refusal. An unexpected exception is
 * logged here with an incident id and reaches the client as INTERNAL with only that id.
 */
final class Errors {
    static final String DOMAIN = "onestop";
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    static final int MAX_VIOLATIONS = 16;
    private static final int MAX_TEXT = 240;

    private Errors() {
    }

    static StatusRuntimeException of(Failure f) {
        if (f.reason() == Reason.INVALID_ARGUMENT) {
            return invalid(f.message(), f.violations());
        }
        return status(code(f.reason()), f.message(), f.reason().name());
    }

    static StatusRuntimeException invalid(InvalidRequestException e) {
        return invalid("invalid request: " + e.getMessage(), e.violations());
    }

    /**
     * INVALID_ARGUMENT with the fields at fault. The status travels in the response trailers, which a
     * client reads only up to a size (8 KiB by default): at most {@value #MAX_VIOLATIONS} violations are
     * listed, then one saying how many more there are, and long texts are cut.
     */
    static StatusRuntimeException invalid(String message, List<FieldViolation> violations) {
        BadRequest.Builder br = BadRequest.newBuilder();
        int shown = Math.min(violations.size(), MAX_VIOLATIONS);
        for (int i = 0; i < shown; i++) {
            FieldViolation v = violations.get(i);
            br.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(cut(v.field(), 80))
                    .setDescription(cut(v.description(), MAX_TEXT)));
        }
        if (violations.size() > shown) {
            br.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("request")
                    .setDescription((violations.size() - shown) + " more faults are not listed"));
        }
        com.google.rpc.Status s = com.google.rpc.Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(cut(message, MAX_TEXT)).addDetails(Any.pack(br.build()))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason("INVALID_ARGUMENT").build()))
                .build();
        return StatusProto.toStatusRuntimeException(s);
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }

    static StatusRuntimeException status(Code code, String message, String reason) {
        com.google.rpc.Status s = com.google.rpc.Status.newBuilder().setCode(code.getNumber())
                .setMessage(cut(message, 1000))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(reason).build())).build();
        return StatusProto.toStatusRuntimeException(s);
    }

    /** The status for an exception that escaped a handler; never its stack trace. */
    static StatusRuntimeException unexpected(String method, Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof InvalidRequestException e) {
            return invalid(e);
        }
        if (!(t instanceof StoreException) && sqlCause(t)) {
            t = SqlErrors.toStore(method, t);
        }
        if (t instanceof StoreException s) {
            switch (s.kind()) {
                case UNAVAILABLE -> {
                    LOG.warn("{}: database unavailable: {}", method, s.getMessage());
                    return status(Code.UNAVAILABLE, "the settlement database is not reachable; retry with the same "
                            + "message id", "DATABASE_UNAVAILABLE");
                }
                case CONFLICT -> {
                    LOG.warn("{}: gave up after repeated conflicts: {}", method, s.getMessage());
                    return status(Code.ABORTED, "concurrent settlements conflicted; retry with the same message id",
                            "CONFLICT");
                }
                case TIMEOUT -> {
                    return status(Code.DEADLINE_EXCEEDED, "the deadline passed while waiting for the database; "
                            + "retry with the same message id", "DEADLINE_EXCEEDED");
                }
                default -> {
                    // an unexpected database error: INTERNAL below, with the cause in the log
                }
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("{}: incident {}", method, incident, t);
        return status(Code.INTERNAL, "internal error, incident " + incident, "INTERNAL");
    }

    private static boolean sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    static Code code(Reason r) {
        return switch (r) {
            case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
            case NO_RULE_VERSION, NO_CATALOG_VERSION, OTHER_FUNDING_CHANNEL, RULE_SECTION_MISSING, NOT_ELIGIBLE,
                 RULE_VERSION_CONFLICT, RULE_VERSION_RETROACTIVE, VISIT_STATE, MESSAGE_VOIDED ->
                    Code.FAILED_PRECONDITION;
            case DAY_NOT_OVER, MONTH_NOT_OVER, NOT_RECONCILED, NOT_CONFIRMED, APPLICATION_ACCEPTED,
                 APPLICATION_WITHDRAWN -> Code.FAILED_PRECONDITION;
            case PERSON_NOT_FOUND, INSTITUTION_NOT_FOUND, SETTLEMENT_NOT_FOUND, APPLICATION_NOT_FOUND, VISIT_NOT_FOUND,
                 FILE_NOT_FOUND -> Code.NOT_FOUND;
            case CREDENTIAL_MISMATCH, INSTITUTION_MISMATCH, ROLE_NOT_PERMITTED, REGION_NOT_SERVED ->
                    Code.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
            case OVERLOADED -> Code.RESOURCE_EXHAUSTED;
            case MESSAGE_ID_REUSED, RULE_VERSION_EXISTS -> Code.ALREADY_EXISTS;
            case AMOUNT_OUT_OF_RANGE -> Code.OUT_OF_RANGE;
        };
    }
}
