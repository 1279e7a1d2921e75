package cn.onestop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one program: {@code java -jar onestop.jar <command>}. */
@Command(name = "onestop", mixinStandardHelpOptions = true,
        description = "OneStop: point-of-service settlement for basic medical insurance.",
        subcommands = {CaseCommand.class, ServeCommand.class, ClientCommand.class, AuditCommand.class,
                ImportCommand.class, CatalogCommand.class, CloseDayCommand.class, StatementCommand.class,
                ReconcileCommand.class, ClearingCommand.class, SharingCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
