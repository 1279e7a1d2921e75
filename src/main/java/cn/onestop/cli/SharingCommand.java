package cn.onestop.cli;

import cn.onestop.clearing.SharingEstimate;
import cn.onestop.clearing.Yuan;
import cn.onestop.kernel.Result;
import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.sharing.SharingResult;
import cn.onestop.sharing.SharingScheme;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code onestop sharing}: the year-end sharing of inpatient pool overspend (E §52) from the bundled
 * centre rules, computed here; no gateway needed (the gateway answers the same as EstimateSharing).
 */
@Command(name = "sharing", mixinStandardHelpOptions = true,
        description = "E §52: what the centre pays and the hospital bears of a year's inpatient pool spending, "
                + "the reward and the band; amounts given and printed in yuan (--json: fen).")
final class SharingCommand implements Callable<Integer> {
    @Option(names = "--scheme", required = true, description = "DIP or QUOTA (not under DIP: the quota total)")
    String scheme;

    @Option(names = "--budget", required = true, paramLabel = "YUAN",
            description = "the budget (DIP) or quota total, in yuan (at most two decimals: 12000000.00)")
    String budget;

    @Option(names = "--actual", required = true, paramLabel = "YUAN",
            description = "the actual inpatient pool spending, in yuan")
    String actual;

    @Option(names = "--assessment-bp", paramLabel = "N",
            description = "the assessment ratio (DIP): the centre pays this share of its half (default: the rule table's)")
    Integer assessmentBp;

    @Option(names = "--year", description = "the year whose centre rules apply (default: this year)")
    Integer year;

    @Option(names = "--json", description = "one JSON object: centre_pays, hospital_bears, reward (fen), band, params")
    boolean json;

    @Option(names = "--lang", paramLabel = "zh|en", description = "the summary's language (default: ${DEFAULT-VALUE})")
    String lang = "zh";

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<String> bad = new ArrayList<>();
        SharingScheme s = null;
        try {
            s = SharingScheme.valueOf(scheme.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            bad.add("--scheme: must be DIP or QUOTA, got \"" + scheme + "\"");
        }
        String budgetYuan = budget.trim();
        String actualYuan = actual.trim();
        String budgetBad = Yuan.problem(budgetYuan);
        String actualBad = Yuan.problem(actualYuan);
        if (budgetBad != null) {
            bad.add("--budget: " + budgetBad);
        }
        if (actualBad != null) {
            bad.add("--actual: " + actualBad);
        }
        if (!bad.isEmpty()) {
            return Remote.refusedHere(err, String.join("; ", bad), List.of());
        }
        Result<SharingResult> r = new SharingEstimate(RuleFiles::loadBundled).estimate(s, Yuan.fen(budgetYuan),
                Yuan.fen(actualYuan), assessmentBp, year == null ? LocalDate.now().getYear() : year);
        if (r instanceof Result.Failed<SharingResult> f) {
            err.println("FAILED_PRECONDITION [" + f.failure().reason() + "]: " + f.failure().message());
            return ClientCommand.REFUSED;
        }
        SharingResult x = r.value();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode().put("centre_pays", x.centrePays()).put("hospital_bears",
                    x.hospitalBears()).put("reward", x.reward()).put("band", x.band().name());
            ArrayNode params = o.putArray("params");
            for (Param p : x.params()) {
                params.addObject().put("name", p.name()).put("value", p.value()).put("source", p.source())
                        .put("basis", p.basis().name().toLowerCase(Locale.ROOT));
            }
            out.println(o);
        } else {
            out.println(text(x, new Labels(Labels.parse(lang))));
        }
        return ClientCommand.DONE;
    }

    static String text(SharingResult x, Labels l) {
        StringBuilder sb = new StringBuilder().append(l.w("年终清算分担 (E §52) ", "Year-end sharing (E §52) "))
                .append(x.scheme()).append(": ").append(x.band()).append('\n').append(Receipt.RULE).append('\n');
        Receipt.row(sb, l.w("预算 / 定额总额", "budget / quota total"), x.budget());
        Receipt.row(sb, l.w("实际住院统筹支付", "actual inpatient pool spending"), x.actual());
        Receipt.row(sb, l.w("医保中心支付", "the centre pays"), x.centrePays());
        Receipt.row(sb, l.w("医院承担", "the hospital bears"), x.hospitalBears());
        Receipt.row(sb, l.w("其中结余留用", "of which kept as a reward"), x.reward());
        sb.append(Receipt.RULE).append('\n');
        for (Param p : x.params()) {
            sb.append("  ").append(p.name()).append(' ').append(Receipt.percent((int) p.value())).append("  ")
                    .append(p.source()).append(p.basis() == Basis.DOCUMENT ? "" : " ["
                    + p.basis().name().toLowerCase(Locale.ROOT) + "]").append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
