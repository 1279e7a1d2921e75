package cn.onestop.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.onestop.kernel.RowError;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading records with their line numbers: the dialect, malformed records, files that are not CSV. */
class CsvFileTest {
    static final Columns ABC = Columns.exactly(List.of("a", "b", "c"));

    /** Each record given to the consumer as "line:a|b|c". */
    private final List<String> seen = new ArrayList<>();

    private CsvFile read(String text) throws IOException {
        return read(text, ABC);
    }

    private CsvFile read(String text, Columns columns) throws IOException {
        return CsvFile.read(
                new StringReader(text),
                columns,
                c -> seen.add(c.line() + ":" + c.get("a") + "|" + c.get("b") + "|" + c.get("c")));
    }

    @Test
    void recordsCarryThePhysicalLineTheyStartOn() throws IOException {
        CsvFile f = read("a,b,c\n1,2,3\n\n\"multi\nline\",5,6\n7,8,9\n");
        assertEquals(List.of("2:1|2|3", "4:multi\nline|5|6", "6:7|8|9"), seen);
        assertEquals(3, f.records());
        assertTrue(f.ok());
    }

    @Test
    void blankLinesBeforeTheHeaderAndBetweenRecordsAreSkipped() throws IOException {
        CsvFile f = read("\n  \na,b,c\n\n1,2,3\n   \n");
        assertEquals(List.of("5:1|2|3"), seen);
        assertEquals(1, f.records());
    }

    @Test
    void aLeadingBomIsIgnoredAndCrLfEndsALine() throws IOException {
        read("\uFEFFa,b,c\r\n1,2,3\r\n4,5,6\r\n");
        assertEquals(List.of("2:1|2|3", "3:4|5|6"), seen);
    }

    @Test
    void valuesAreTrimmedAndQuotedFieldsKeepCommasAndQuotes() throws IOException {
        read("a,b,c\n  x ,\"y, z\",\"say \"\"hi\"\"\"\n q , r\"s ,\"\"\n");
        assertEquals(List.of("2:x|y, z|say \"hi\"", "3:q|r\"s|"), seen);
    }

    @Test
    void columnsMayComeInAnyOrder() throws IOException {
        read("c,a,b\n3,1,2\n");
        assertEquals(List.of("2:1|2|3"), seen);
    }

    @Test
    void aRecordWithTheWrongNumberOfFieldsIsCountedAndReportedNotGiven() throws IOException {
        CsvFile f = read("a,b,c\n1,2\n1,2,3\n1,2,3,4\n");
        assertEquals(List.of("3:1|2|3"), seen);
        assertEquals(3, f.records());
        assertEquals(
                List.of(
                        new RowError(2, RowError.ROW, "has 2 fields, the header has 3"),
                        new RowError(4, RowError.ROW, "has 4 fields, the header has 3")),
                f.errors());
    }

    @Test
    void anEmptyFileIsToldWhichHeaderItNeeds() throws IOException {
        CsvFile f = read("\n\n");
        assertEquals(
                List.of(new RowError(1, RowError.ROW, "empty file: a header row is required (a,b,c)")),
                f.errors());
        assertEquals(0, f.records());
    }

    @Test
    void textThatIsNotCsvStopsTheReadingOnTheLineWhereTheRecordStarts() throws IOException {
        CsvFile f = read("a,b,c\n1,2,3\n4,\"open,6\n7,8,9\n");
        assertEquals(List.of("2:1|2|3"), seen);
        assertEquals(1, f.records());
        assertEquals(1, f.errors().size(), f.errors()::toString);
        RowError e = f.errors().get(0);
        assertEquals(3, e.line());
        assertEquals(RowError.ROW, e.field());
        assertTrue(e.message().startsWith("cannot be read as CSV: "), e.message());
    }

    @Test
    void textAfterAClosingQuoteIsNotCsv() throws IOException {
        CsvFile f = read("a,b,c\n1,2,3\n\"x\"y,2,3\n4,5,6\n");
        assertEquals(List.of("2:1|2|3"), seen);
        assertEquals(1, f.errors().size(), f.errors()::toString);
        assertEquals(3, f.errors().get(0).line());
        assertTrue(
                f.errors().get(0).message().startsWith("cannot be read as CSV: "),
                f.errors().get(0).message());
    }

    @Test
    void errorsComeOutByLineKeepingTheirOrderWithinALine() throws IOException {
        List<Cells> kept = new ArrayList<>();
        CsvFile f =
                CsvFile.read(
                        new StringReader("a,b,c\n1,2,3\n4,5,6\n7,8\n"),
                        ABC,
                        c -> {
                            kept.add(c);
                            if (c.line() == 3) {
                                c.error("b", "3 first");
                                kept.get(0).error("a", "2, found while reading 3");
                                c.error("a", "3 second");
                            }
                        });
        assertEquals(
                List.of(
                        new RowError(2, "a", "2, found while reading 3"),
                        new RowError(3, "b", "3 first"),
                        new RowError(3, "a", "3 second"),
                        new RowError(4, RowError.ROW, "has 2 fields, the header has 3")),
                f.errors());
    }

    @Test
    void theErrorsOfAFileCannotBeChangedAfterwards() throws IOException {
        CsvFile f = read("a,b,c\n1,2\n");
        assertFalse(f.ok());
        assertThrows(UnsupportedOperationException.class, () -> f.errors().clear());
        assertEquals(1, f.errors().size());
    }
}
