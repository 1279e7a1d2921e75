package cn.onestop.national;

import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.clearing.DetailReconciliation;
import cn.onestop.clearing.Difference;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Result;
import cn.onestop.visits.FileExchange;
import cn.onestop.visits.StoredFile;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * 3202 对明细账: the detail file a 9101 uploaded ({@code file_qury_no}; TAB-separated lines
 * {@code setl_id mdtrt_id psn_no medfee_sumamt fund_pay_sumamt acct_pay refd_setl_flag}, optionally
 * zipped) against the ledger's settlements and reversals of {@code stmt_begndate..stmt_enddate}. Every
 * difference is answered with what resolves it, and also kept as a result file (a zip of TAB-separated
 * lines) that 9102 downloads by the answered {@code fileinfo.file_qury_no}.
 */
final class DetailTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ClearingUseCases clearing;
    private final FileExchange files;
    private final ZoneId zone;

    DetailTransactions(ClearingUseCases clearing, FileExchange files, ZoneId zone) {
        this.clearing = clearing;
        this.files = files;
        this.zone = zone;
    }

    void register(Map<String, Transaction> t) {
        t.put("3202", Transaction.changing(this::detail));
    }

    private Outcome detail(Call c) {
        Input in = c.input.object("data", true);
        String no = in.key("file_qury_no", true, FileTransactions.FILE_NO, "a file number answered by 9101");
        ClearingTransactions.Range range = ClearingTransactions.Range.of(in);
        for (String f : new String[] {"medfee_sumamt", "fund_pay_sumamt", "cash_payamt"}) {
            in.yuan(f, false);
        }
        in.text("fixmedins_setl_cnt", false, 10);
        in.text("clr_type", false, 6);
        in.flag("refd_setl_flag", false);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        Result<ObjectNode> r = files.find(c.caller, c.institution(), no).flatMap(file -> clearing.details()
                .withCentre(c.caller, c.institution(), range.from(), range.to(),
                        new ByteArrayInputStream(file.content()))
                .flatMap(d -> answered(c.caller, c.institution(), file, d)));
        return Answers.read(r, o -> o);
    }

    private Result<ObjectNode> answered(Caller caller, String institution, StoredFile sent, DetailReconciliation d) {
        return files.keep(caller, institution, "result_" + sent.filename().replaceAll("\\.zip$", "") + ".zip",
                zip(d)).map(kept -> {
                    ObjectNode out = F.objectNode();
                    out.put("stmt_rslt", d.balanced() ? "0" : "1");
                    out.put("stmt_rslt_dscr", d.balanced() ? "balanced" : d.differences().size() + " difference(s)");
                    out.put("lines", Long.toString(d.lines()));
                    out.put("entries", Long.toString(d.entries()));
                    out.put("matched", Long.toString(d.matched()));
                    out.set("fileinfo", FileTransactions.described(kept, zone));
                    ArrayNode diffs = out.putArray("differences");
                    d.differences().forEach(x -> diffs.add(difference(x)));
                    return out;
                });
    }

    private static ObjectNode difference(Difference x) {
        ObjectNode o = F.objectNode();
        o.put("kind", x.kind().name());
        o.put("line", Long.toString(x.line()));
        o.put("setl_id", nz(x.setlId()));
        o.put("mdtrt_id", nz(x.mdtrtId()));
        o.put("psn_no", nz(x.psnNo()));
        o.put("msgid", nz(x.messageId()));
        o.put("omsgid", nz(x.originalMessageId()));
        o.put("fields", String.join(",", x.fields()));
        if (x.there() != null) {
            amounts(o.putObject("sent"), x.there());
        }
        if (x.here() != null) {
            amounts(o.putObject("gateway"), x.here());
        }
        o.put("action", x.action().name());
        o.put("advice", x.advice());
        return o;
    }

    private static void amounts(ObjectNode o, Difference.Amounts a) {
        o.put("medfee_sumamt", Yuan.text(a.medfeeSumamt()));
        o.put("fund_pay_sumamt", Yuan.text(a.fundPaySumamt()));
        o.put("acct_pay", Yuan.text(a.acctPay()));
        o.put("refd_setl_flag", Integer.toString(a.refundFlag()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The differences as a zip of TAB-separated lines, a header first. */
    static byte[] zip(DetailReconciliation d) {
        StringBuilder sb = new StringBuilder("kind\tline\tsetl_id\tmdtrt_id\tpsn_no\tmsgid\tomsgid\tfields\t"
                + "sent_medfee_sumamt\tsent_fund_pay_sumamt\tsent_acct_pay\tgateway_medfee_sumamt\t"
                + "gateway_fund_pay_sumamt\tgateway_acct_pay\taction\tadvice\n");
        for (Difference x : d.differences()) {
            sb.append(x.kind()).append('\t').append(x.line()).append('\t').append(nz(x.setlId())).append('\t')
                    .append(nz(x.mdtrtId())).append('\t').append(nz(x.psnNo())).append('\t')
                    .append(nz(x.messageId())).append('\t').append(nz(x.originalMessageId())).append('\t')
                    .append(String.join(",", x.fields()));
            for (Difference.Amounts a : new Difference.Amounts[] {x.there(), x.here()}) {
                sb.append('\t').append(a == null ? "" : Yuan.text(a.medfeeSumamt())).append('\t')
                        .append(a == null ? "" : Yuan.text(a.fundPaySumamt())).append('\t')
                        .append(a == null ? "" : Yuan.text(a.acctPay()));
            }
            sb.append('\t').append(x.action()).append('\t').append(x.advice().replace('\t', ' ')).append('\n');
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b, StandardCharsets.UTF_8)) {
            z.putNextEntry(new ZipEntry("result.txt"));
            z.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
