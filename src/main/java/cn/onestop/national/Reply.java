package cn.onestop.national;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The response envelope: {@code infcode} (0 success; -1 system error, the outcome unknown: reverse
 * with 2601; -2 refused, nothing happened), {@code inf_refmsgid}, the times, the messages and the
 * output. {@code cainfo} and {@code signtype} are empty: answers are not signed (TLS protects them).
 */
final class Reply {
    static final int OK = 0;
    static final int UNKNOWN = -1;
    static final int REFUSED = -2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private Reply() {
    }

    /** One HTTP answer: its status, the envelope (or a downloaded file's bytes) and their content type. */
    record Http(int status, byte[] body, String contentType, String filename) {
        Http(int status, byte[] body) {
            this(status, body, "application/json; charset=utf-8", null);
        }
    }

    /** A file downloaded (9102): its bytes as the body, as the national platform answers it. */
    static Http file(String filename, byte[] content) {
        return new Http(200, content, "application/octet-stream", filename);
    }

    static Http of(int status, int infcode, String refmsgid, ZonedDateTime received, ZonedDateTime responded,
                   String errMsg, String warnMsg, JsonNode output) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("infcode", infcode);
        r.put("inf_refmsgid", refmsgid);
        r.put("refmsg_time", TIME.format(received));
        r.put("respond_time", TIME.format(responded));
        r.put("err_msg", errMsg == null ? "" : errMsg);
        r.put("warn_msg", warnMsg == null ? "" : warnMsg);
        r.put("cainfo", "");
        r.put("signtype", "");
        r.set("output", output == null ? JsonNodeFactory.instance.objectNode() : output);
        return new Http(status, NationalJson.write(r).getBytes(StandardCharsets.UTF_8));
    }
}
