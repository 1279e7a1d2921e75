package cn.onestop.cases;

import cn.onestop.json.SettlementJson;
import cn.onestop.rules.RuleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
    static final Path SHARED = Path.of(System.getProperty("onestop.cases", "../shared/cases"));
    static final Path COPY = Path.of("src/test/resources/shared-cases");

    static Path casesDir() {
        return Files.isDirectory(SHARED) ? SHARED : COPY;
    }

    @org.junit.jupiter.api.Test
    void theKeptCopyIsTheSharedVectors() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(SHARED), "no shared folder on this machine");
        List<String> shared;
        try (Stream<Path> s = Files.list(SHARED)) {
            shared = s.filter(p -> p.toString().endsWith(".json")).map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> copy;
        try (Stream<Path> s = Files.list(COPY)) {
            copy = s.filter(p -> p.toString().endsWith(".json")).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(shared, copy, "refresh src/test/resources/shared-cases from " + SHARED);
        for (String name : shared) {
            assertEquals(Files.readString(SHARED.resolve(name)), Files.readString(COPY.resolve(name)), name);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorSplitsExactlyAsExpected() throws IOException {
        Path dir = casesDir();
        assertTrue(Files.isDirectory(dir), "shared test vectors not found at " + dir.toAbsolutePath());
        CaseRunner runner = new CaseRunner(RuleFiles.loadBundled(), false);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 23, "expected the shared vectors, found " + files.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                JsonNode c = SettlementJson.mapper().readTree(Files.readAllBytes(f));
                ObjectNode got = runner.run(f);
                assertEquals(c.get("id").asText(), got.get("id").asText());
                if (c.has("expected_error")) {
                    assertEquals(c.get("expected_error").asText(), got.path("error").asText(), got.toString());
                    return;
                }
                JsonNode expected = c.get("expected");
                for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode g = got.get(e.getKey());
                    if (e.getValue().isArray()) {
                        assertEquals(sorted(e.getValue()), sorted(g), e.getKey());
                    } else if (e.getValue().isIntegralNumber()) {
                        assertTrue(g != null && g.isIntegralNumber(), e.getKey() + " missing in " + got);
                        assertEquals(e.getValue().longValue(), g.longValue(), e.getKey());
                    } else {
                        assertEquals(e.getValue(), g, e.getKey());
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static List<String> sorted(JsonNode array) {
        List<String> s = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> s.add(n.asText()));
        }
        s.sort(null);
        return s;
    }
}
