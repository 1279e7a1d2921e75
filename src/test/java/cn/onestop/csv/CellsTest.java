package cn.onestop.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.onestop.kernel.RowError;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Typed access to one record's cells: the value read, and the words for a value that is not. */
class CellsTest {
    enum Colour {
        RED,
        DARK_GREEN
    }

    private final List<RowError> errors = new ArrayList<>();

    /** The cells of a record on line 7 whose columns are given as "column", "value", ... */
    private Cells cells(String... columnsAndValues) {
        String[] values = new String[columnsAndValues.length / 2];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            index.put(columnsAndValues[2 * i], i);
            values[i] = columnsAndValues[2 * i + 1];
        }
        return new Cells(7, values, index, errors);
    }

    private List<String> messages() {
        return errors.stream().map(e -> e.line() + " " + e.field() + ": " + e.message()).toList();
    }

    @Test
    void aCellIsReadByColumnAndAnAbsentColumnIsEmpty() {
        Cells c = cells("code", "X1", "name", "");
        assertEquals("X1", c.get("code"));
        assertEquals("", c.get("name"));
        assertEquals("", c.get("region"));
        assertTrue(c.isEmpty("region"));
        assertFalse(c.isEmpty("code"));
        assertEquals(7, c.line());
        assertFalse(c.failed());
    }

    @Test
    void aRequiredCellThatIsEmptyIsReportedWithItsHint() {
        Cells c = cells("code", "", "kind", "", "name", "x");
        assertFalse(c.require("code"));
        assertFalse(c.require("kind", "DRUG or SERVICE"));
        assertTrue(c.require("name"));
        assertEquals(List.of("7 code: is required", "7 kind: is required (DRUG or SERVICE)"), messages());
        assertTrue(c.failed());
    }

    @Test
    void textIsRequiredWhenAskedAndHasAMaximumLength() {
        Cells c = cells("a", "", "b", "", "c", "12345", "d", "123456");
        assertNull(c.text("a", true, 5));
        assertNull(c.text("b", false, 5));
        assertEquals("12345", c.text("c", true, 5));
        assertNull(c.text("d", true, 5));
        assertEquals(List.of("7 a: is required", "7 d: longer than 5 characters"), messages());
    }

    @Test
    void aTokenWithWhiteSpaceIsReportedButStillReturned() {
        Cells c = cells("id", "A B", "ok", "AB");
        assertEquals("A B", c.token("id", true, 32));
        assertEquals("AB", c.token("ok", true, 32));
        assertEquals(List.of("7 id: must not contain spaces"), messages());
    }

    @Test
    void singleLineTextRefusesTabsAndLineBreaks() {
        Cells c = cells("a", "x\ty", "b", "x\ny", "c", "x\ry", "d", "x y");
        assertNull(c.singleLine("a", true, 10));
        assertNull(c.singleLine("b", true, 10));
        assertNull(c.singleLine("c", true, 10));
        assertEquals("x y", c.singleLine("d", true, 10));
        assertEquals(3, errors.size());
        assertTrue(messages().stream().allMatch(m -> m.endsWith(": must be one line without tabs")));
    }

    @Test
    void matchingTextIsCheckedAgainstItsPatternAndEmptyIsNone() {
        Pattern six = Pattern.compile("\\d{6}");
        Cells c = cells("a", "150100", "b", "1501", "c", "");
        assertEquals("150100", c.matching("a", six, "must be six digits, got "));
        assertNull(c.matching("b", six, "must be six digits, got "));
        assertNull(c.matching("c", six, "must be six digits, got "));
        assertEquals(List.of("7 b: must be six digits, got \"1501\""), messages());
    }

    @Test
    void booleansAreTrueOrFalseInAnyCaseAndEmptyIsFalse() {
        Cells c = cells("a", "TRUE", "b", "False", "c", "", "d", "yes", "e", "1");
        assertTrue(c.bool("a"));
        assertFalse(c.bool("b"));
        assertFalse(c.bool("c"));
        assertFalse(c.bool("d"));
        assertFalse(c.bool("e"));
        assertEquals(
                List.of(
                        "7 d: must be true or false (or empty), got \"yes\"",
                        "7 e: must be true or false (or empty), got \"1\""),
                messages());
    }

    @Test
    void datesAreYyyyMmDdAndMustExist() {
        Cells c = cells("a", "2024-02-29", "b", "2023-02-29", "c", "2024-2-01", "d", "+12024-01-01",
                "e", "");
        assertEquals(LocalDate.of(2024, Month.FEBRUARY, 29), c.date("a"));
        assertNull(c.date("b"));
        assertNull(c.date("c"));
        assertNull(c.date("d"));
        assertNull(c.date("e"));
        assertEquals(
                List.of(
                        "7 b: must be a date YYYY-MM-DD, got \"2023-02-29\"",
                        "7 c: must be a date YYYY-MM-DD, got \"2024-2-01\"",
                        "7 d: must be a date YYYY-MM-DD, got \"+12024-01-01\""),
                messages());
    }

    @Test
    void anEnumIsNamedInAnyCaseAndABadNameIsToldTheConstants() {
        Cells c = cells("a", "dark_green", "b", "", "c", "BLUE");
        assertEquals(Colour.DARK_GREEN, c.enumValue("a", Colour.class, null));
        assertEquals(Colour.RED, c.enumValue("b", Colour.class, Colour.RED));
        assertNull(c.enumValue("c", Colour.class, Colour.RED));
        assertEquals(List.of("7 c: must be one of [RED, DARK_GREEN], got \"BLUE\""), messages());
    }

    @Test
    void aChoiceTakesItsAliasesExactlyAndSaysItsOwnWords() {
        Choice<Colour> colour =
                Choice.of(Colour.class, "RED or DARK_GREEN (or 红)").withAliases(Map.of("红", Colour.RED));
        Cells c = cells("a", "红", "b", "Red", "c", "绿", "d", "");
        assertEquals(Colour.RED, c.choice("a", colour, null));
        assertEquals(Colour.RED, c.choice("b", colour, null));
        assertNull(c.choice("c", colour, Colour.DARK_GREEN));
        assertEquals(Colour.DARK_GREEN, c.choice("d", colour, Colour.DARK_GREEN));
        assertEquals(List.of("7 c: must be RED or DARK_GREEN (or 红), got \"绿\""), messages());
        assertEquals("one of [RED, DARK_GREEN]", Choice.of(Colour.class).expected());
        assertNull(Choice.of(Colour.class).parse("红"));
    }

    @Test
    void fenAreExactWholeNumbers() {
        // 2^53 + 1 has no double: a reader through floating point would give ...992
        Cells c = cells("a", "9007199254740993", "b", "9223372036854775807", "c", "", "d", "0");
        assertEquals(9_007_199_254_740_993L, c.fen("a", 0));
        assertEquals(Long.MAX_VALUE, c.fen("b", 0));
        assertEquals(-1, c.fen("c", -1));
        assertEquals(0, c.fen("d", -1));
        assertEquals(List.of(), errors);
    }

    @Test
    void fenRefuseDecimalsExponentsOverflowAndNegativeAmounts() {
        Cells c = cells("a", "12.50", "b", "1e3", "c", "9223372036854775808", "d", "-5");
        assertEquals(-1, c.fen("a", -1));
        assertEquals(-1, c.fen("b", -1));
        assertEquals(-1, c.fen("c", -1));
        assertEquals(-1, c.fen("d", -1));
        assertEquals(
                List.of(
                        "7 a: must be whole fen (an integer, 1 yuan = 100), got \"12.50\"",
                        "7 b: must be whole fen (an integer, 1 yuan = 100), got \"1e3\"",
                        "7 c: must be whole fen (an integer, 1 yuan = 100), got"
                                + " \"9223372036854775808\"",
                        "7 d: must be ≥ 0 fen, got -5"),
                messages());
    }

    @Test
    void fenMayBeSaidInAFormatsOwnWords() {
        Bounds limit = Bounds.FEN.notWhole("must be whole fen per unit; got ");
        Cells c = cells("a", "x", "b", "-2");
        c.fen("a", -1, limit);
        c.fen("b", -1, limit);
        assertEquals(
                List.of("7 a: must be whole fen per unit; got \"x\"", "7 b: must be ≥ 0 fen, got -2"),
                messages());
    }

    @Test
    void integersAreIntsWithinTheirBounds() {
        Bounds level = Bounds.of(0, 3);
        Cells c = cells("a", "3", "b", "4", "c", "-1", "d", "x", "e", "99999999999", "f", "");
        assertEquals(3, c.integer("a", level));
        assertNull(c.integer("b", level));
        assertNull(c.integer("c", level));
        assertNull(c.integer("d", level));
        assertNull(c.integer("e", level), "beyond an int is not a whole number of this column");
        assertNull(c.integer("f", level));
        assertEquals(
                List.of(
                        "7 b: must be 0..3, got 4",
                        "7 c: must be 0..3, got -1",
                        "7 d: must be an integer 0..3, got \"x\"",
                        "7 e: must be an integer 0..3, got \"99999999999\""),
                messages());
    }

    @Test
    void boundsMayBeSaidInAFormatsOwnWords() {
        Bounds year = new Bounds(2000, 2100, "not a year: ", "must be a year 2000..2100, got ");
        Cells c = cells("a", "abc", "b", "1999", "c", "2026");
        assertNull(c.integer("a", year));
        assertNull(c.integer("b", year));
        assertEquals(2026, c.integer("c", year));
        assertEquals(
                List.of("7 a: not a year: \"abc\"", "7 b: must be a year 2000..2100, got 1999"),
                messages());
    }

    @Test
    void aListCellGivesItsTrimmedNonEmptyItems() {
        Cells c = cells("a", " x ; ;y;;z : 1 ;", "b", "");
        assertEquals(List.of("x", "y", "z : 1"), c.items("a", ';'));
        assertEquals(List.of(), c.items("b", ';'));
        // the separator is a character, not a pattern
        assertEquals(List.of("x", "y.z"), cells("c", "x | y.z||").items("c", '|'));
    }

    @Test
    void failedIsAboutThisRecordOnly() {
        Cells first = cells("a", "yes");
        Cells second = cells("a", "true");
        first.bool("a");
        second.bool("a");
        assertTrue(first.failed());
        assertFalse(second.failed());
        first.error("a", "more");
        assertEquals(List.of("7 a: must be true or false (or empty), got \"yes\"", "7 a: more"), messages());
    }
}
