package cn.onestop.visits;

import java.time.Instant;
import java.util.Objects;

/**
 * A file of the national file exchange: uploaded by an institution (9101) for a transaction to read
 * (3202's detail), or written by the gateway as an answer, and downloadable (9102) by that institution
 * under its {@code file_qury_no} until {@code expiresAt}.
 */
public record StoredFile(String fileQuryNo, String institutionCode, String filename, byte[] content,
                         Instant storedAt, Instant expiresAt) {
    public StoredFile {
        Objects.requireNonNull(fileQuryNo, "fileQuryNo");
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
    }
}
