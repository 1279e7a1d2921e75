package cn.onestop.cli;

import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.ledger.LedgerAudit;
import cn.onestop.rulestore.RuleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code onestop audit}: recompute the ledger from its journals; exit 1 on any discrepancy. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check every accumulator row, account balance and settlement against the journals, "
                + "split every settlement again from its stored input, and recompute the audit trail's hash "
                + "chains (an edited or deleted row is reported). Runs at the server, on its database. On a terminal, "
                + "progress and the time left are shown on stderr; in a pipe nothing is.")
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "properties file (default: ${DEFAULT-VALUE})")
    Path config = Path.of("config", "onestop.properties");

    @Override
    public Integer call() throws Exception {
        try (Database db = Database.open(DatabaseConfig.load(config, System.getenv()))) {
            LedgerAudit.Report r = new LedgerAudit(db.dataSource(),
                    new RuleStore(db.dataSource(), Clock.systemUTC()).book()).run(TerminalProgress.onStderr());
            System.out.printf("%d accumulator rows, %d accounts, %d settlements, %d audit trail rows: %s%n",
                    r.accumulatorRows(), r.accounts(), r.settlements(), r.auditRows(),
                    r.clean() ? "consistent" : r.discrepancies().size() + " discrepancies");
            r.discrepancies().forEach(d -> System.out.println("  " + d));
            return r.clean() ? 0 : 1;
        }
    }
}
