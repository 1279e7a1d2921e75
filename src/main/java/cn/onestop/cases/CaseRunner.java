package cn.onestop.cases;

import cn.onestop.engine.Outcome;
import cn.onestop.engine.Refusal;
import cn.onestop.engine.SplitEngine;
import cn.onestop.json.RequestJson;
import cn.onestop.json.SettlementJson;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs settlement test vectors: each file is a request plus its expected split; the runner
 * prints what the engine makes of the request, one JSON object per case, so any case can be
 * compared field by field with its {@code expected} block.
 */
public final class CaseRunner {
    private final RuleBook book;
    private final boolean explain;

    public CaseRunner(RuleBook book, boolean explain) {
        this.book = book;
        this.explain = explain;
    }

    /** The runner's line for one case file: the settlement, or {@code {"id", "error"}}. */
    public ObjectNode run(Path file) throws IOException {
        JsonNode root = SettlementJson.mapper().readTree(Files.readAllBytes(file));
        String id = root.hasNonNull("id") ? root.get("id").asText() : file.getFileName().toString();
        ObjectNode out = SettlementJson.mapper().createObjectNode();
        out.put("id", id);
        out.setAll(evaluate(root));
        return out;
    }

    /** The engine's answer to one request in the vectors' JSON form. */
    public ObjectNode evaluate(JsonNode request) {
        SettlementRequest req;
        try {
            req = RequestJson.parse(request);
        } catch (InvalidRequestException e) {
            return SettlementJson.write(new Outcome.Refused(Refusal.INVALID_ARGUMENT,
                    e.getMessage(), e.violations()));
        }
        Outcome outcome = SplitEngine.split(req, book);
        if (outcome instanceof Outcome.Settled s) {
            return SettlementJson.write(s.settlement(), explain);
        }
        return SettlementJson.write((Outcome.Refused) outcome);
    }

    public void runAll(List<Path> files, Appendable out) throws IOException {
        for (Path f : files) {
            out.append(SettlementJson.mapper().writeValueAsString(run(f))).append('\n');
        }
    }
}
