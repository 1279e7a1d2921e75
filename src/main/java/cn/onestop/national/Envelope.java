package cn.onestop.national;

import cn.onestop.kernel.Canonical;
import cn.onestop.kernel.FieldViolation;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A request as the national interface wraps it: the transaction number, the message id, the
 * institution and areas, the operator, and the transaction's {@code input}. Signature fields
 * ({@code cainfo}, {@code signtype}, {@code sign_no}, {@code dev_safe_info}) are read and kept, never
 * verified: the caller's identity is its TLS client certificate or bearer token.
 */
record Envelope(String infno, String msgid, String mdtrtareaAdmvs, String insuplcAdmdvs, String recerSysCode,
                String devNo, String opterType, String opter, String opterName, String infTime,
                String fixmedinsCode, String fixmedinsName, String signNo, String cainfo, String signtype,
                String infver, JsonNode input) {
    static final Pattern INFNO = Pattern.compile("[0-9]{4}");
    static final Pattern ADMDVS = Pattern.compile("[0-9]{6}");

    /** The envelope of {@code body}, or the faults of its fields. */
    static Envelope read(JsonNode body, List<FieldViolation> bad) {
        if (!body.isObject()) {
            bad.add(new FieldViolation("(body)", "must be a JSON object (the request envelope)"));
            return null;
        }
        Input in = Input.of(body, "", bad);
        String infno = in.key("infno", true, INFNO, "a 4-digit transaction number");
        String msgid = in.text("msgid", true, 64);
        if (msgid != null) {
            Canonical.checkMessageId(bad, "msgid", msgid, true);
        }
        String fixmedins = in.text("fixmedins_code", true, 32);
        if (fixmedins != null) {
            Canonical.checkInstitutionCode(bad, "fixmedins_code", fixmedins, true);
        }
        String mdtrtarea = in.key("mdtrtarea_admvs", false, ADMDVS, "a 6-digit admin-division code");
        String insuplc = in.key("insuplc_admdvs", false, ADMDVS, "a 6-digit admin-division code");
        String infTime = in.text("inf_time", false, 19);
        if (infTime != null) {
            in.time("inf_time", false);
        }
        JsonNode input = body.get("input");
        if (input == null || input.isNull() || input.isTextual() && input.asText().isEmpty()) {
            input = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } else if (!input.isObject()) {
            bad.add(new FieldViolation("input", "must be an object"));
        }
        Envelope e = new Envelope(infno, msgid, mdtrtarea, insuplc, in.text("recer_sys_code", false, 64),
                in.text("dev_no", false, 100), in.text("opter_type", false, 8), in.text("opter", false, 64),
                in.text("opter_name", false, 100), infTime, fixmedins, in.text("fixmedins_name", false, 200),
                in.text("sign_no", false, 64), in.text("cainfo", false, 4096), in.text("signtype", false, 16),
                in.text("infver", false, 16), input);
        in.text("dev_safe_info", false, 4096);
        return e;
    }
}
