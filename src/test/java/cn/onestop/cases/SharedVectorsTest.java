package cn.onestop.cases;

import cn.onestop.json.SettlementJson;
import cn.onestop.rules.parse.RuleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shared test vector, through the same runner as {@code onestop case}, with an exact match
 * on every expected field. The vectors are read from {@code ../shared/cases} where that folder
 * exists (override with {@code -Donestop.cases=DIR}), else from the copy kept in the test
 * resources; where both exist, the copy must be identical, so it cannot drift.
 */
class SharedVectorsTest {

    @org.junit.jupiter.api.Test
    void theKeptCopyIsTheSharedVectors() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Vectors.SHARED),
                "no shared folder on this machine");
        List<String> shared = Vectors.jsonIn(Vectors.SHARED).stream().map(p -> p.getFileName().toString()).toList();
        List<String> copy = Vectors.jsonIn(Vectors.COPY).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(shared, copy, "refresh " + Vectors.COPY + " from " + Vectors.SHARED);
        for (String name : shared) {
            assertEquals(Files.readString(Vectors.SHARED.resolve(name)), Files.readString(Vectors.COPY.resolve(name)),
                    name);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorSplitsExactlyAsExpected() throws IOException {
        CaseRunner runner = new CaseRunner(RuleFiles.loadBundled(), false);
        List<Path> files = Vectors.files();
        assertTrue(files.size() >= 23, "expected the shared vectors, found " + files.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                JsonNode c = SettlementJson.mapper().readTree(Files.readAllBytes(f));
                ObjectNode got = runner.run(f);
                assertEquals(c.get("id").asText(), got.get("id").asText());
                Vectors.assertMatches(c, got);
            }));
        }
        return tests.stream();
    }
}
