package cn.onestop.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule model is plain data: no JSON, database, RPC, cache or clock, and it never reaches back
 * into the rule-file reader ({@code cn.onestop.rules.parse} depends on it, not the reverse).
 */
class RulesPackageTest {
    private static final Path SOURCES = Path.of("src/main/java/cn/onestop/rules");
    private static final List<String> FORBIDDEN = List.of("com.fasterxml", "java.sql", "javax.sql", "io.grpc",
            "com.google.protobuf", "com.github.benmanes.caffeine", "java.time.Clock", "cn.onestop.rules.parse");

    @Test
    void theRuleModelUsesNoParserDatabaseRpcCacheOrClock() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 20, "found the sources of " + SOURCES);
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            for (String name : FORBIDDEN) {
                if (text.contains(name)) {
                    found.add(f.getFileName() + " uses " + name);
                }
            }
            text.lines().filter(l -> l.startsWith("import ") && l.endsWith(".*;"))
                    .forEach(l -> found.add(f.getFileName() + " has a wildcard import: " + l));
        }
        assertEquals(List.of(), found);
    }
}
