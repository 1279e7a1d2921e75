package cn.onestop.national;

import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.CredentialRef;
import cn.onestop.visits.Answer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The steps every transaction shares: its faults as one refusal, a use case's result as an outcome. */
final class Answers {
    /** An id the gateway gave out (mdtrt_id, setl_id) or the billing system keys by (feedetl_sn, psn_no). */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");
    private static final Pattern CERT_TYPE = Pattern.compile("0[123]");

    private Answers() {
    }

    static boolean faulty(Call c) {
        return !c.bad.isEmpty();
    }

    static Outcome invalid(Call c) {
        return invalid(c.bad);
    }

    static Outcome invalid(List<FieldViolation> bad) {
        StringBuilder sb = new StringBuilder("invalid input: ");
        for (int i = 0; i < bad.size() && i < 16; i++) {
            sb.append(i == 0 ? "" : "; ").append(bad.get(i).field()).append(' ').append(bad.get(i).description());
        }
        if (bad.size() > 16) {
            sb.append("; and ").append(bad.size() - 16).append(" more");
        }
        return new Outcome.Refused(new Failure(Reason.INVALID_ARGUMENT, sb.toString(), bad));
    }

    /** A journalled message's answer: its output as written (the first time or now). */
    static <T> Outcome written(Result<Answer<T>> r) {
        if (r instanceof Result.Failed<Answer<T>> f) {
            return new Outcome.Refused(f.failure());
        }
        return new Outcome.Written(r.value().output());
    }

    static <T> Outcome read(Result<T> r, Function<T, JsonNode> render) {
        if (r instanceof Result.Failed<T> f) {
            return new Outcome.Refused(f.failure());
        }
        return Outcome.ok(render.apply(r.value()));
    }

    /**
     * The credential presented: {@code mdtrt_cert_type} 01 e-voucher, 02 ID card, 03 social security
     * card, and its number; null (with the faults) when either is missing or malformed.
     */
    static CredentialRef credential(Input in, String typeField, String noField) {
        String type = in.key(typeField, true, CERT_TYPE, "01 (e-voucher), 02 (ID card) or 03 (social security card)");
        String no = in.text(noField, true, 128);
        return type == null || no == null ? null : new CredentialRef(type.charAt(1) - '0', no);
    }

    static String json(JsonNode n) {
        return NationalJson.write(n);
    }
}
