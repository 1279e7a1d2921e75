package cn.onestop.cli;

import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.enrolment.EnrolmentImport;
import cn.onestop.kernel.ImportReport;
import cn.onestop.enrolment.InstitutionImport;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.rulestore.RuleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code onestop import persons|institutions FILE.csv}: enrolment import into the configured database. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import persons or institutions from CSV (formats in config/samples/README.md).",
                "Runs at the server, on its database (config/onestop.properties, ONESTOP_* variables), as "
                        + "local:import in the audit trail; over the network the same import is the admin call "
                        + "EnrolmentAdminService.ImportPersons / ImportInstitutions.",
                "On a terminal, progress and the time left are shown on stderr; in a pipe nothing is."},
        subcommands = {ImportCommand.Persons.class, ImportCommand.Institutions.class})
final class ImportCommand {
    @Option(names = "--config", paramLabel = "FILE", description = "properties file (default: ${DEFAULT-VALUE})")
    Path config = Path.of("config", "onestop.properties");

    static int print(ImportReport r) {
        System.out.println(r.source() + ": " + r.summary());
        r.errors().forEach(e -> System.out.println("  " + e));
        r.warnings().forEach(w -> System.out.println("  warning: " + w));
        if (!r.ok()) {
            System.out.println("  nothing was written");
        }
        return r.ok() ? 0 : 1;
    }

    @Command(name = "persons", mixinStandardHelpOptions = true, description = "Import persons (enrolment).")
    static final class Persons implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ImportCommand parent;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(DatabaseConfig.load(parent.config, System.getenv()))) {
                // the plans published in this database; a fresh one (never served) knows the bundled ones
                RuleBook book = new RuleStore(db.dataSource(), Clock.systemUTC()).book();
                RuleBook plans = book.size() == 0 ? RuleFiles.loadBundled() : book;
                return print(EnrolmentImport.forPlans(db.dataSource(), plans).importPersons(file,
                        TerminalProgress.onStderr()));
            }
        }
    }

    @Command(name = "institutions", mixinStandardHelpOptions = true, description = "Import designated institutions.")
    static final class Institutions implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ImportCommand parent;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            try (Database db = Database.open(DatabaseConfig.load(parent.config, System.getenv()))) {
                return print(new InstitutionImport(db.dataSource()).importInstitutions(file,
                        TerminalProgress.onStderr()));
            }
        }
    }
}
