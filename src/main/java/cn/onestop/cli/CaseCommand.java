package cn.onestop.cli;

import cn.onestop.cases.CaseRunner;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code onestop case FILE...}: split test-vector requests, one JSON line each. */
@Command(name = "case", mixinStandardHelpOptions = true,
        description = "Split the requests in settlement test-vector files and print one JSON line per case.")
final class CaseCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "test-vector JSON files")
    List<Path> files;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "folder of rule files (default: the sample tables bundled from config/rules)")
    Path rules;

    @Option(names = "--explain", description = "add the explanation: clause, base, ratio and cap of every amount")
    boolean explain;

    @Override
    public Integer call() throws Exception {
        RuleBook book = rules == null ? RuleFiles.loadBundled() : RuleFiles.loadDirectory(rules);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        new CaseRunner(book, explain).runAll(files, out);
        out.flush();
        return 0;
    }
}
