package cn.onestop.csv;

import cn.onestop.kernel.RowError;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read record by record (see the package documentation for the dialect).
 *
 * @param records the data records (the header and blank lines not counted; records with the
 *     wrong number of fields counted)
 * @param errors every problem found, by line (a stable sort: one line's problems stay in the
 *     order they were found): the header's, the records that could not be split into the header's
 *     columns, what the consumer reported through {@link Cells}, a file that is not CSV
 * @param ignored header columns the format does not know and ignores ({@link Columns#atLeast})
 */
public record CsvFile(int records, List<RowError> errors, List<String> ignored) {
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(true).get();

    public CsvFile {
        errors = List.copyOf(errors);
        ignored = List.copyOf(ignored);
    }

    /** True when nothing was wrong. */
    public boolean ok() {
        return errors.isEmpty();
    }

    /**
     * Reads {@code in} to its end, giving {@code each} the cells of every record that has the
     * header's number of fields, in file order. A header that does not fit {@code columns} stops
     * the reading (no record is given, none counted); so does a record that is not CSV (an open
     * quote at the end of the file, a quote inside an unquoted field).
     *
     * @throws IOException the input cannot be read
     */
    public static CsvFile read(Reader in, Columns columns, Consumer<Cells> each)
            throws IOException {
        List<RowError> errors = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        int records = 0;
        try (CSVParser parser = CSVParser.parse(withoutBom(in), FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            Map<String, Integer> index = null;
            int width = 0;
            long before = parser.getCurrentLineNumber();
            while (true) {
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    errors.add(
                            new RowError(
                                    before + 1,
                                    RowError.ROW,
                                    "cannot be read as CSV: " + e.getMessage()));
                    return done(records, errors, ignored);
                }
                long line = before + 1;
                before = parser.getCurrentLineNumber();
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (index == null) {
                    width = rec.size();
                    index = columns.check(line, rec.values(), errors, ignored);
                    if (index == null) {
                        return done(0, errors, ignored);
                    }
                    continue;
                }
                records++;
                if (rec.size() != width) {
                    errors.add(
                            new RowError(
                                    line,
                                    RowError.ROW,
                                    "has " + rec.size() + " fields, the header has " + width));
                    continue;
                }
                each.accept(new Cells(line, rec.values(), index, errors));
            }
            if (index == null) {
                errors.add(new RowError(1, RowError.ROW, columns.emptyFileMessage()));
            }
        }
        return done(records, errors, ignored);
    }

    private static CsvFile done(int records, List<RowError> errors, List<String> ignored) {
        errors.sort(Comparator.comparingLong(RowError::line));
        return new CsvFile(records, errors, ignored);
    }

    /** {@code in} without a leading byte order mark. */
    private static Reader withoutBom(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int first = r.read();
        if (first != -1 && first != '\uFEFF') {
            r.unread(first);
        }
        return r;
    }
}
