package cn.onestop.cli;

import cn.onestop.catalog.CatalogImport;
import cn.onestop.catalog.CatalogStore;
import cn.onestop.catalog.CatalogVersion;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.kernel.ImportReport;
import cn.onestop.kernel.RowError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code onestop catalog …}: publish a catalog CSV as a new version of one or more regions'
 * catalogs, or list the published versions. Uses the same database settings as {@code serve}
 * ({@code config/onestop.properties}, ONESTOP_* variables). A running gateway picks a new version
 * up within {@code rules.poll-ms}.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Medical catalogs (三目录): import a catalog CSV as a new version, list versions.",
        subcommands = {CatalogCommand.Import.class, CatalogCommand.ListVersions.class})
final class CatalogCommand {
    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "properties file (default: ${DEFAULT-VALUE})")
    Path config = Path.of("config", "onestop.properties");

    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    Database open() throws Exception {
        DatabaseConfig cfg = DatabaseConfig.load(config, System.getenv());
        try {
            return Database.open(cfg);
        } catch (EmbeddedMariaDb.FolderInUseException e) {
            throw new IllegalStateException(e.getMessage() + ": the embedded database is open in a running "
                    + "gateway; stop it first, or use an external MariaDB (db.url)", e);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Publish FILE (CSV: code,name,kind,category,price_limit,self_ratio_bp,tcm_drug; see "
                    + "config/catalog/README.md) as the catalog of REGION from DATE.",
                    "All rows are checked first; any bad row refuses the file and every one is listed with its "
                            + "line. The same file again changes nothing; a different file for a published "
                            + "region and date is refused: publish a new effective date.",
                    "On a terminal, progress and the time left are shown on stderr; in a pipe nothing is.",
                    "Exit status: 0 published or unchanged, 1 refused."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Parameters(paramLabel = "FILE", description = "the catalog CSV (UTF-8)")
        Path file;

        @Option(names = "--region", required = true, split = ",", paramLabel = "REGION",
                description = "catalog region(s), six digits, e.g. 150100 (Hohhot) or 150100,150300,150400")
        List<String> regions;

        @Option(names = "--effective-from", required = true, paramLabel = "DATE",
                description = "first day in force, YYYY-MM-DD")
        LocalDate from;

        @Option(names = "--effective-to", paramLabel = "DATE",
                description = "last day in force (default: until the region's next version)")
        LocalDate to;

        @Option(names = "--max-errors", paramLabel = "N", description = "bad rows to list (default: ${DEFAULT-VALUE})")
        int maxErrors = 1_000;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                parent.err.println("catalog import: no such file " + file);
                return 1;
            }
            try (Database db = parent.open()) {
                long t0 = System.nanoTime();
                CatalogImport.Outcome o = new CatalogImport(new CatalogStore(db.dataSource(), Clock.systemUTC()))
                        .importFile(file, regions, from, to, TerminalProgress.onStderr());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                ImportReport r = o.report();
                for (String w : r.warnings()) {
                    parent.err.println("warning: " + w);
                }
                if (!r.ok()) {
                    parent.out.println("REFUSED " + r.source() + ": " + r.errors().size() + " problem(s), nothing "
                            + "was written");
                    int shown = 0;
                    for (RowError e : r.errors()) {
                        if (shown++ == maxErrors) {
                            parent.out.println("  … and " + (r.errors().size() - maxErrors) + " more");
                            break;
                        }
                        parent.out.println("  " + (e.line() == 0 ? "" : "line " + e.line() + ", " + e.field() + ": ")
                                + e.message());
                    }
                    return 1;
                }
                for (CatalogVersion v : o.created()) {
                    parent.out.println("published " + v.id() + ": " + v.items() + " items, digest " + v.digest());
                }
                for (CatalogVersion v : o.unchanged()) {
                    parent.out.println("unchanged " + v.id() + ": already published with these items");
                }
                parent.out.println(r.source() + ": " + r.summary() + " in " + ms + " ms");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the published catalog versions.")
    static final class ListVersions implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Option(names = "--region", paramLabel = "REGION", description = "only this region")
        String region;

        @Override
        public Integer call() throws Exception {
            try (Database db = parent.open()) {
                List<CatalogVersion> all = new CatalogStore(db.dataSource(), Clock.systemUTC()).versions();
                parent.out.println("version\tfrom\tto\titems\tdigest\tsource\tpublished");
                for (CatalogVersion v : all) {
                    if (region == null || region.equals(v.region())) {
                        parent.out.println(v.id() + "\t" + v.effectiveFrom() + "\t"
                                + (v.effectiveTo() == null ? "-" : v.effectiveTo()) + "\t" + v.items() + "\t"
                                + v.digest().substring(0, 12) + "\t" + v.source() + "\t" + v.publishedAt());
                    }
                }
                return 0;
            }
        }
    }
}
