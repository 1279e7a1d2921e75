package cn.onestop.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.onestop.kernel.RowError;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header against the columns a format names. */
class ColumnsTest {
    private final List<String> given = new ArrayList<>();

    private CsvFile read(String text, Columns columns) throws IOException {
        return CsvFile.read(new StringReader(text), columns, c -> given.add(c.get("code")));
    }

    @Test
    void anUnknownColumnRefusesTheFileAndNamesTheExpectedOnes() throws IOException {
        Columns cols = Columns.exactly(List.of("code", "name"), List.of("region"));
        CsvFile f = read("code,name,colour\nX,y,red\n", cols);
        assertEquals(
                List.of(
                        new RowError(
                                1, "colour", "unknown column (expected code,name; optional region)")),
                f.errors());
        assertEquals(List.of(), given, "no record is read after a bad header");
        assertEquals(0, f.records());
    }

    @Test
    void aMissingColumnIsReportedPerColumnInTheDocumentedOrder() throws IOException {
        CsvFile f = read("name\n", Columns.exactly(List.of("code", "name", "kind")));
        assertEquals(
                List.of(
                        new RowError(1, "code", "missing column in the header"),
                        new RowError(1, "kind", "missing column in the header")),
                f.errors());
    }

    @Test
    void aColumnGivenTwiceIsReportedWhereItRepeats() throws IOException {
        CsvFile f = read("code,name,code\n", Columns.exactly(List.of("code", "name")));
        assertEquals(
                List.of(new RowError(1, "code", "column given twice in the header")), f.errors());
    }

    @Test
    void headerProblemsAreReportedOnTheHeadersOwnLine() throws IOException {
        CsvFile f = read("\n\ncode\n", Columns.exactly(List.of("code", "name")));
        assertEquals(List.of(new RowError(3, "name", "missing column in the header")), f.errors());
    }

    @Test
    void anOptionalColumnMayBeLeftOutAndThenReadsAsEmpty() throws IOException {
        List<String> regions = new ArrayList<>();
        Columns cols = Columns.exactly(List.of("code"), List.of("region"));
        CsvFile.read(new StringReader("code\nX1\n"), cols, c -> regions.add("[" + c.get("region") + "]"));
        CsvFile.read(
                new StringReader("region,code\n150100,X2\n"),
                cols,
                c -> regions.add("[" + c.get("region") + "]"));
        assertEquals(List.of("[]", "[150100]"), regions);
    }

    @Test
    void atLeastIgnoresOtherColumnsListsThemAndNamesTheExpectedOnesWhenOneIsMissing()
            throws IOException {
        Columns cols = Columns.atLeast(List.of("code", "name"));
        CsvFile ok = read("规格,code,name,规格\n0.25g,X1,药,24粒\n", cols);
        assertTrue(ok.ok(), ok.errors()::toString);
        assertEquals(List.of("规格", "规格"), ok.ignored());
        assertEquals(List.of("X1"), given);

        CsvFile missing = read("规格,code\n", cols);
        assertEquals(
                List.of(new RowError(1, "name", "missing column in the header (expected code,name)")),
                missing.errors());
        assertEquals(List.of("规格"), missing.ignored());
        CsvFile twice = read("code,name,name\n", cols);
        assertEquals(
                List.of(new RowError(1, "name", "column given twice in the header")),
                twice.errors());
    }

    @Test
    void aColumnIsKnownWhenRequiredOrOptional() {
        Columns cols = Columns.exactly(List.of("code"), List.of("region"));
        assertTrue(cols.known("code"));
        assertTrue(cols.known("region"));
        assertEquals(false, cols.known("Code"), "column names are matched exactly");
    }
}
