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

    static StatusRuntimeException invalid(String message, List<FieldViolation> violations) {
        BadRequest.Builder br = BadRequest.newBuilder();
        for (FieldViolation v : violations) {
            br.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.field())
                    .setDescription(v.description()));
        }
        com.google.rpc.Status s = com.google.rpc.Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message).addDetails(Any.pack(br.build()))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason("INVALID_ARGUMENT").build()))
                .build();
        return StatusProto.toStatusRuntimeException(s);
    }

    static StatusRuntimeException status(Code code, String message, String reason) {
        com.google.rpc.Status s = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message)
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
                 RULE_VERSION_CONFLICT ->
                    Code.FAILED_PRECONDITION;
            case DAY_NOT_OVER, MONTH_NOT_OVER, NOT_RECONCILED, NOT_CONFIRMED, APPLICATION_ACCEPTED,
                 APPLICATION_WITHDRAWN -> Code.FAILED_PRECONDITION;
            case PERSON_NOT_FOUND, INSTITUTION_NOT_FOUND, SETTLEMENT_NOT_FOUND, APPLICATION_NOT_FOUND -> Code.NOT_FOUND;
            case CREDENTIAL_MISMATCH, REGION_NOT_SERVED -> Code.PERMISSION_DENIED;
            case MESSAGE_ID_REUSED, RULE_VERSION_EXISTS -> Code.ALREADY_EXISTS;
        };
    }
}
