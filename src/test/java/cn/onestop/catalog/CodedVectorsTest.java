package cn.onestop.catalog;

import cn.onestop.request.ItemLine;
import cn.onestop.cases.CaseRunner;
import cn.onestop.cases.Vectors;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.json.RequestJson;
import cn.onestop.json.SettlementJson;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shared vector again, with its lines sent as item codes only (id, code, price, quantity,
 * emergency flag) and classified from a catalog built from the vector's own lines: the split must
 * be exactly the expected one, field by field. EXCLUDED lines are sent as EXCLUDED (no catalog
 * entry says a line is a work injury). Vectors that are refused before any split (bad input) are
 * checked to be exactly those that expect an error.
 */
class CodedVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVectorSplitsTheSameWhenItsLinesAreCodes() throws IOException {
        RuleBook book = RuleFiles.loadBundled();
        CaseRunner plain = new CaseRunner(book, false);
        List<Path> files = Vectors.files();
        assertTrue(files.size() >= 23, "expected the shared vectors, found " + files.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                JsonNode c = SettlementJson.mapper().readTree(Files.readAllBytes(f));
                SettlementRequest req;
                try {
                    req = RequestJson.parse(c);
                } catch (InvalidRequestException e) {
                    assertTrue(c.has("expected_error"), "only a vector expecting an error may not parse: " + e);
                    return;
                }
                Map<String, CatalogItem> catalog = new HashMap<>();
                List<ItemLine> coded = new ArrayList<>();
                for (BillLine l : req.lines()) {
                    if (l.category() == Category.EXCLUDED) {
                        coded.add(new ItemLine(l.id(), "X" + l.id().toUpperCase().replaceAll("[^A-Z0-9]", ""),
                                Category.EXCLUDED, l.unitPrice(), l.qty(), BillLine.NO_RATIO, false, l.emergency()));
                        continue;
                    }
                    String code = "T" + String.format("%06d", catalog.size() + 1);
                    ItemKind kind = switch (l.category()) {
                        case CONSUMABLE -> ItemKind.CONSUMABLE;
                        case BED -> ItemKind.FACILITY;
                        default -> l.tcmDrug() ? ItemKind.DRUG : ItemKind.SERVICE;
                    };
                    catalog.put(code, new CatalogItem(code, "vector line " + l.id(), kind, l.category(),
                            l.priceLimit(), l.selfRatioBp(), l.tcmDrug()));
                    coded.add(new ItemLine(l.id(), code.toLowerCase(), null, l.unitPrice(), l.qty(),
                            BillLine.NO_RATIO, false, l.emergency()));
                }
                CatalogClassifier.Classified cl = CatalogClassifier.classify(coded, catalog::get);
                assertEquals(List.of(), cl.warnings());
                assertEquals(req.lines(), cl.lines(), "classification reproduces the vector's lines");
                SettlementRequest again = new SettlementRequest(req.plan(), req.settleDate(), req.person(),
                        req.institution(), req.visit(), req.ytd(), cl.lines());
                Outcome outcome = SplitEngine.split(again, book);
                ObjectNode got = outcome instanceof Outcome.Settled s ? SettlementJson.write(s.settlement(), false)
                        : SettlementJson.write((Outcome.Refused) outcome);
                Vectors.assertMatches(c, got);
                // and the very same answer as the vector given with categories
                ObjectNode direct = plain.evaluate(c);
                assertEquals(direct, got);
            }));
        }
        return tests.stream();
    }
}
