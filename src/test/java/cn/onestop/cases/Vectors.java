package cn.onestop.cases;

import com.fasterxml.jackson.databind.JsonNode;

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
 * Where the shared test vectors are: {@code ../shared/cases} where that folder exists (override
 * with {@code -Donestop.cases=DIR}), else the copy kept in the test resources.
 */
public final class Vectors {
    public static final Path SHARED = Path.of(System.getProperty("onestop.cases", "../shared/cases"));
    public static final Path COPY = Path.of("src/test/resources/shared-cases");

    private Vectors() {
    }

    public static Path dir() {
        return Files.isDirectory(SHARED) ? SHARED : COPY;
    }

    /** The vector files, sorted by name. */
    public static List<Path> files() throws IOException {
        return jsonIn(dir());
    }

    /**
     * Asserts that {@code got} (a runner line) is the vector's answer: its {@code expected_error},
     * or every field of its {@code expected} block exactly (numbers by value, lists in any order).
     */
    public static void assertMatches(JsonNode vector, JsonNode got) {
        if (vector.has("expected_error")) {
            assertEquals(vector.get("expected_error").asText(), got.path("error").asText(), got.toString());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = vector.get("expected").fields(); it.hasNext(); ) {
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
    }

    private static List<String> sorted(JsonNode array) {
        List<String> s = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> s.add(n.asText()));
        }
        s.sort(null);
        return s;
    }

    static List<Path> jsonIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
