package cn.onestop.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to the embedded server: {@value #USER} with a password generated for the data dir
 * and kept in it ({@code data/.onestop-password}, readable by the owner only), with the grant tables
 * on. A mariadbd left running by a JVM that was killed therefore serves nobody who cannot read the
 * data dir.
 *
 * <p>The accounts are set by an {@code --init-file} that mariadbd runs before it accepts any
 * connection, on the first start of a new data dir and on the first start of one that an earlier
 * version initialised (that version ran the server with {@code --skip-grant-tables}, leaving
 * {@code root@localhost} to unix-socket authentication and no account for 127.0.0.1). Once the
 * server is up on them {@value #MARKER} is written; until then every start sets them again (the
 * statements are repeatable, the password file is made before the first of them).
 */
final class EmbeddedAccounts {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedAccounts.class);

    static final String USER = "root";
    static final String PASSWORD_FILE = ".onestop-password";
    static final String MARKER = ".onestop-accounts";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 32;

    private final Path data;
    private final Path tmp;
    private final String password;

    private EmbeddedAccounts(Path data, Path tmp, String password) {
        this.data = data;
        this.tmp = tmp;
        this.password = password;
    }

    /** The data dir's password, generated (owner-only file) when it has none. */
    static EmbeddedAccounts of(EmbeddedFolder folder) throws IOException {
        Path file = folder.data.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file) || Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
            Files.deleteIfExists(file);
            Files.writeString(ownerOnlyFile(file), generate() + "\n", StandardCharsets.UTF_8);
            Files.deleteIfExists(folder.data.resolve(MARKER)); // a new password is not set yet
            log.info("Generated a password for the embedded MariaDB in {}", file);
        }
        String pw = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!pw.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IOException(file + " holds characters a generated password does not have");
        }
        return new EmbeddedAccounts(folder.data, folder.tmp, pw);
    }

    String user() {
        return USER;
    }

    String password() {
        return password;
    }

    /** Whether the accounts still have to be set on the next start. */
    boolean needSetting() {
        return !Files.isRegularFile(data.resolve(MARKER));
    }

    /**
     * Writes the {@code --init-file} that sets the accounts (owner only: it holds the password);
     * {@link #set} removes it once the server is up.
     */
    Path initFile() throws IOException {
        String pw = "'" + password + "'"; // only letters and digits: nothing to escape
        List<String> sql = List.of(
                "CREATE USER IF NOT EXISTS 'root'@'localhost';",
                "ALTER USER 'root'@'localhost' IDENTIFIED BY " + pw + ";",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION;",
                "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';",
                "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY " + pw + ";",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
                "DROP USER IF EXISTS 'mysql'@'localhost';",
                "DELETE FROM mysql.global_priv WHERE User = '';", // anonymous accounts of install-db
                "FLUSH PRIVILEGES;");
        Path f = tmp.resolve("accounts.sql");
        Files.deleteIfExists(f);
        Files.write(ownerOnlyFile(f), sql, StandardCharsets.UTF_8);
        return f;
    }

    /** The server came up on the init file: the accounts are set. */
    void set(Path initFile) throws IOException {
        Files.deleteIfExists(initFile);
        Files.writeString(data.resolve(MARKER), "root@localhost, root@127.0.0.1 with the password in "
                + PASSWORD_FILE + "; grant tables on\n");
    }

    private static String generate() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Creates an empty file readable and writable by its owner only (from the first byte on). */
    private static Path ownerOnlyFile(Path f) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createFile(f);
    }
}
