package cn.onestop.visitstore;

import cn.onestop.db.Transactions;
import cn.onestop.kernel.Deadline;
import cn.onestop.visits.FileStore;
import cn.onestop.visits.StoredFile;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The national file exchange on MariaDB ({@code national_files}, V31). */
public final class JdbcFileStore implements FileStore {
    private final Transactions tx;

    public JdbcFileStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public void put(StoredFile f, Instant now) {
        tx.write(Deadline.current().orElse(null), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM national_files WHERE expires_at < ? LIMIT 100")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO national_files (file_qury_no, "
                    + "institution_code, filename, content, stored_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, f.fileQuryNo());
                ps.setString(2, f.institutionCode());
                ps.setString(3, f.filename());
                ps.setBytes(4, f.content());
                ps.setTimestamp(5, Timestamp.from(f.storedAt()));
                ps.setTimestamp(6, Timestamp.from(f.expiresAt()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredFile> find(String fileQuryNo) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT file_qury_no, institution_code, filename, content, "
                    + "stored_at, expires_at FROM national_files WHERE file_qury_no = ?")) {
                ps.setString(1, fileQuryNo);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBytes(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                }
            }
        });
    }
}
