package cn.onestop.rules.parse;

import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads rule files ({@code *.json}) from a folder, or the sample tables bundled with the program. */
public final class RuleFiles {
    /** Where the sample rule tables live, in the source tree and on the classpath. */
    public static final String BUNDLED = "config/rules";

    private RuleFiles() {
    }

    /** Every {@code *.json} file in {@code dir}, parsed and indexed; the first bad file stops the load. */
    public static RuleBook loadDirectory(Path dir) {
        return RuleBook.of(readDirectory(dir));
    }

    public static List<RuleTable> readDirectory(Path dir) {
        return parse(filesIn(dir));
    }

    /** A rule file as read: where it came from and its exact bytes (what is published and digested). */
    public record RuleFile(String origin, byte[] content) {
        public RuleTable parse() {
            return RuleTableParser.parse(origin, content);
        }
    }

    public static List<RuleFile> filesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleLoadException(dir + ": not a folder of rule files");
        }
        List<RuleFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(new RuleFile(displayName(f), Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading rule files in " + dir, e);
        }
        return out;
    }

    private static List<RuleTable> parse(List<RuleFile> files) {
        List<RuleTable> out = new ArrayList<>(files.size());
        for (RuleFile f : files) {
            out.add(f.parse());
        }
        return out;
    }

    /** The sample rule tables shipped in the program (from {@code config/rules}). */
    public static List<RuleTable> readBundled() {
        return parse(bundledFiles());
    }

    /** The bundled rule files with their bytes. */
    public static List<RuleFile> bundledFiles() {
        URL url = RuleFiles.class.getClassLoader().getResource(BUNDLED);
        if (url == null) {
            throw new RuleLoadException(BUNDLED + ": not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return filesIn(fs.getPath(BUNDLED));
            }
            return filesIn(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new RuleLoadException(BUNDLED + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static RuleBook loadBundled() {
        return RuleBook.of(readBundled());
    }

    private static String displayName(Path f) {
        Path name = f.getFileName();
        Path parent = f.getParent() == null ? null : f.getParent().getFileName();
        return parent == null ? name.toString() : parent + "/" + name;
    }
}
