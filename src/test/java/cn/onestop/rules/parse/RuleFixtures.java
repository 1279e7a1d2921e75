package cn.onestop.rules.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rule files for tests to change and parse: the bundled employee plan as a JSON tree. */
public final class RuleFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path E = Path.of("config/rules/nm-region-employee-2023-01-01.json");

    private RuleFixtures() {
    }

    /** A fresh copy of the 2023 employee plan (NM-REGION-EMPLOYEE@2023-01-01). */
    public static ObjectNode employee() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(E));
    }
}
