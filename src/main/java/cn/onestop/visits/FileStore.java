package cn.onestop.visits;

import java.time.Instant;
import java.util.Optional;

/** Port: the files of the national file exchange (9101 / 9102). */
public interface FileStore {
    /** Keeps {@code f}; files that expired before {@code now} may be deleted meanwhile. */
    void put(StoredFile f, Instant now);

    Optional<StoredFile> find(String fileQuryNo);
}
