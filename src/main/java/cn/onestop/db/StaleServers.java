package cn.onestop.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code mariadbd} orphaned by a JVM that was killed (kill -9: no shutdown hook ran) keeps
 * running, holds the data dir's InnoDB lock and serves its port. Since the caller holds the root's
 * file lock, the JVM that started any {@code mariadbd} still serving the data dir is gone: such a
 * server is stale and is stopped (SIGTERM, a clean InnoDB shutdown; SIGKILL after a minute) before
 * a new one starts. Until then it is harmless: it asks for the data dir's password
 * ({@link EmbeddedAccounts}), except one left by a version that ran it without grant tables, which
 * this also stops.
 */
final class StaleServers {
    private static final Logger log = LoggerFactory.getLogger(StaleServers.class);

    private StaleServers() {
    }

    /** Stops every mariadbd serving {@code folder}'s data dir: the one in the pid file, and any whose command line names it. */
    static void stop(EmbeddedFolder folder) throws IOException {
        for (ProcessHandle p : find(folder)) {
            log.warn("Stopping stale mariadbd pid {} left running on {} by a previous JVM", p.pid(), folder.data);
            p.destroy(); // SIGTERM: clean InnoDB shutdown
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("stale mariadbd pid {} did not stop in 60 s; killing it", p.pid());
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e2) {
                    throw new IOException("cannot stop stale mariadbd pid " + p.pid() + " on " + folder.data);
                }
            }
        }
    }

    /** The live mariadbd processes serving {@code folder}'s data dir. */
    static List<ProcessHandle> find(EmbeddedFolder folder) throws IOException {
        String datadirArg = "--datadir=" + folder.data.toFile().getCanonicalPath();
        List<ProcessHandle> stale = new ArrayList<>();
        fromPidFile(folder.pidFile())
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(datadirArg)).orElse(true))
                .ifPresent(stale::add); // unless its pid was taken by a server of another folder
        ProcessHandle.allProcesses()
                .filter(StaleServers::isMariadbd)
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(datadirArg)).orElse(false))
                .filter(p -> stale.stream().noneMatch(s -> s.pid() == p.pid()))
                .forEach(stale::add);
        return stale;
    }

    /** The live mariadbd named by {@code pidFile}, if any. */
    static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(StaleServers::isMariadbd);
        } catch (NumberFormatException | IOException e) {
            log.warn("ignoring unreadable pid file {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    static boolean isMariadbd(ProcessHandle p) {
        Optional<String> cmd = p.info().command();
        return p.isAlive() && cmd.map(c -> c.endsWith("/mariadbd") || c.equals("mariadbd")).orElse(false);
    }
}
