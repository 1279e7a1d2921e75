package cn.onestop.visits;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.SettlementIds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The national file exchange: an institution uploads a file (9101) and names it by the answered
 * {@code file_qury_no} in a later transaction (3202); the gateway keeps a file it answers with the
 * same way; the institution downloads either (9102) until it expires. A file of another institution
 * is answered exactly as an unknown one. An upload is exactly once by its msgid, as every national
 * message that changes something: sent again, it answers the file number first answered and stores
 * nothing more.
 */
public final class FileExchange {
    /** A file name as public clients send them: no path, no control characters. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.()\\-]{1,200}");

    private final FileStore store;
    private final Journal journal;
    private final Duration retention;
    private final Clock clock;
    private final SettlementIds ids = new SettlementIds();

    /**
     * @param messages the national messages' journal (an upload's msgid)
     * @param retention how long a file may be downloaded or named after it was stored
     */
    public FileExchange(FileStore store, MessageJournal messages, Duration retention, Clock clock) {
        this.store = store;
        this.journal = new Journal(messages, clock);
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * 9101: the file kept for the institution under message {@code m}, answered as {@code render}
     * writes it; a retry of {@code m} answers the same file number, and stores nothing.
     */
    public Result<Answer<StoredFile>> upload(Caller caller, Message m, String filename, byte[] content,
                                             Function<StoredFile, String> render) {
        return journal.once(caller, m, day -> keep(caller, m.institutionCode(), filename, content), render,
                Journal.Refs.of(f -> null, StoredFile::fileQuryNo), (f, by) -> {
                    // voided while it ran: nobody was told its number, and it expires with the others
                });
    }

    /** A file the gateway answers with (and 9101's): kept for the institution. */
    public Result<StoredFile> keep(Caller caller, String institutionCode, String filename, byte[] content) {
        Optional<Failure> denied = Access.mayAct(caller, institutionCode);
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        if (filename == null || !NAME.matcher(filename).matches()) {
            return Visits.invalid("filename", "must be a file name of 1 to 200 letters, digits, '_', '.', '-', '(' "
                    + "or ')', without a path");
        }
        if (content.length == 0) {
            return Visits.invalid("in", "is empty: the file has no content");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StoredFile f = new StoredFile(ids.next('F', now.toEpochMilli()), institutionCode, filename, content, now,
                now.plus(retention));
        store.put(f, now);
        return Result.ok(f);
    }

    /** 9102, and a transaction reading an uploaded file: the institution's file, while it is kept. */
    public Result<StoredFile> find(Caller caller, String institutionCode, String fileQuryNo) {
        Optional<Failure> denied = Access.mayAct(caller, institutionCode);
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        Optional<StoredFile> f = store.find(fileQuryNo).filter(x -> x.institutionCode().equals(institutionCode));
        if (f.isEmpty() || clock.instant().isAfter(f.get().expiresAt())) {
            return Result.failed(Reason.FILE_NOT_FOUND, "no file " + fileQuryNo + " of institution " + institutionCode
                    + (f.isPresent() ? ": it expired at " + f.get().expiresAt() : "") + "; upload it (9101) again");
        }
        return Result.ok(f.get());
    }
}
