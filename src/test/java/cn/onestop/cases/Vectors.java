package cn.onestop.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    static List<Path> jsonIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
