package cn.onestop.national;

import cn.onestop.kernel.Result;
import cn.onestop.visits.FileExchange;
import cn.onestop.visits.StoredFile;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The file exchange: 9101 uploads a file (its bytes base64 or as an array of bytes) and answers its
 * {@code file_qury_no}; 9102 downloads a file of the institution by that number, answered as the
 * file's bytes themselves (application/octet-stream) as the national platform does, or as a refusal
 * envelope.
 */
final class FileTransactions {
    static final Pattern FILE_NO = Pattern.compile("F[0-9a-f]{28}");

    private final FileExchange files;
    private final ZoneId zone;
    private final int maxBytes;

    FileTransactions(FileExchange files, ZoneId zone, int maxBytes) {
        this.files = files;
        this.zone = zone;
        this.maxBytes = maxBytes;
    }

    void register(Map<String, Transaction> t) {
        t.put("9101", Transaction.changing(this::upload));
        t.put("9102", Transaction.reading(this::download));
    }

    private Outcome upload(Call c) {
        Input in = c.input.object("fsUploadIn", true);
        byte[] content = in.bytes("in", true, maxBytes);
        String filename = in.text("filename", true, 200);
        institution(c, in);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.written(files.upload(c.caller, c.message(), filename, content,
                f -> Answers.json(described(f, zone))));
    }

    /** What a stored file is answered as: its number, its name and until when it can be downloaded. */
    static ObjectNode described(StoredFile f, ZoneId zone) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("file_qury_no", f.fileQuryNo());
        out.put("filename", f.filename());
        out.put("dld_endtime", Input.TIME.format(f.expiresAt().atZone(zone)));
        return out;
    }

    private Outcome download(Call c) {
        Input in = c.input.object("fsDownloadIn", true);
        String no = in.key("file_qury_no", true, FILE_NO, "a file number answered by 9101 or 3202");
        String filename = in.text("filename", false, 200);
        institution(c, in);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        Result<StoredFile> f = files.find(c.caller, c.institution(), no);
        if (f.isOk() && filename != null && !filename.equals(f.value().filename())) {
            in.refuse("filename", "is " + filename + ", but file " + no + " is " + f.value().filename());
            return Answers.invalid(c);
        }
        if (f instanceof Result.Failed<StoredFile> x) {
            return new Outcome.Refused(x.failure());
        }
        return new Outcome.File(f.value().filename(), f.value().content());
    }

    /** The fixmedins_code a file message repeats inside its input, when it does: the envelope's. */
    private static void institution(Call c, Input in) {
        String code = in.text("fixmedins_code", false, 32);
        if (code != null && !code.equals(c.institution())) {
            in.refuse("fixmedins_code", "is " + code + ", but the envelope's fixmedins_code is " + c.institution());
        }
    }
}
