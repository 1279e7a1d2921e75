package cn.onestop.cli;

import cn.onestop.db.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The one program: {@code java -jar onestop.jar <command>}.
 *
 * <p>A command that fails ends with one line on stderr: a {@link ConfigurationException} (a bad
 * setting, named with its source) is printed as that line alone, without a stack trace, and the
 * exit status is {@link #EXIT_CONFIG}; any other exception is logged with its stack trace first
 * and the exit status is 1.
 */
@Command(name = "onestop", mixinStandardHelpOptions = true,
        description = "OneStop: point-of-service settlement for basic medical insurance.",
        subcommands = {CaseCommand.class, ServeCommand.class, ClientCommand.class, AuditCommand.class,
                ImportCommand.class, CatalogCommand.class, CloseDayCommand.class, StatementCommand.class,
                ReconcileCommand.class, ClearingCommand.class, SharingCommand.class, CredentialsCommand.class,
                RulesCommand.class, PersonCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    /** Exit status of a configuration error (EX_CONFIG of sysexits.h). */
    public static final int EXIT_CONFIG = 78;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    public Main() {
        this(System.getenv());
    }

    /** With {@code env} as the environment the commands read their ONESTOP_* settings from. */
    Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the error handling described above. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** {@link #commandLine()} with {@code env} instead of the process environment. */
    static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new Main(env)).setExecutionExceptionHandler(Main::onError);
    }

    /** The environment the commands read their ONESTOP_* settings from. */
    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** picocli's execution exception handler: the one-line ending described in the class comment. */
    static int onError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        ConfigurationException config = configurationError(e);
        if (config != null) {
            err.println(name + ": configuration error: " + oneLine(config.getMessage()));
            err.flush();
            return EXIT_CONFIG;
        }
        log.error("{} failed", name, e);
        err.println(name + ": failed: " + summary(e) + " (stack trace above)");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    private static ConfigurationException configurationError(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }

    /** {@code Type: message}, and the root cause's when it is another exception. */
    static String summary(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        String s = describe(e);
        if (root != e) {
            s += " (cause: " + describe(root) + ")";
        }
        return s;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + oneLine(m));
    }

    /** The first line of {@code s}, at most 500 characters. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String first = s.strip().lines().findFirst().orElse("");
        return first.length() > 500 ? first.substring(0, 500) + "..." : first;
    }
}
