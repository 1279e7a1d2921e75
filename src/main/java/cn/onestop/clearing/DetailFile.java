package cn.onestop.clearing;

import cn.onestop.kernel.FieldViolation;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipInputStream;

/**
 * Reads a settlement list line by line, streaming: UTF-8, one settlement a line, TAB-separated, as
 * the national platform writes its detail file; a zip archive (its first entry) is read the same
 * way. Blank lines are skipped; a first line naming the columns is a header and skipped. Amounts are
 * yuan with at most two decimals, read exactly. Every bad line is named (up to {@value #MAX_ERRORS}).
 */
public final class DetailFile {
    /** Bad lines reported before the reader stops. */
    public static final int MAX_ERRORS = 100;

    /** The columns of a list, in order. */
    public enum Format {
        /** The centre's detail file (3202). */
        CENTRE(List.of("setl_id", "mdtrt_id", "psn_no", "medfee_sumamt", "fund_pay_sumamt", "acct_pay",
                "refd_setl_flag")),
        /** The hospital billing system's list of a day's settlements, keyed by its own message id. */
        HOSPITAL(List.of("medins_setl_id", "setl_id", "psn_no", "medfee_sumamt", "fund_pay_sumamt", "acct_pay",
                "refd_setl_flag"));

        private final List<String> columns;

        Format(List<String> columns) {
            this.columns = columns;
        }

        public List<String> columns() {
            return columns;
        }
    }

    private DetailFile() {
    }

    /**
     * Reads every line into {@code each}; the lines of a file with errors must not be used.
     *
     * @return the problems found, each named {@code line[N]} or {@code line[N].column}; empty when none
     */
    public static List<FieldViolation> read(InputStream in, Format format, Consumer<Listed> each) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        InputStream text = buffered;
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        ZipInputStream zip = null;
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            zip = new ZipInputStream(buffered, StandardCharsets.UTF_8);
            if (zip.getNextEntry() == null) {
                return List.of(new FieldViolation("file", "is an empty zip archive"));
            }
            text = zip;
        }
        List<FieldViolation> errors = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
        String s;
        long line = 0;
        boolean first = true;
        String[] cells = new String[format.columns.size()];
        while ((s = r.readLine()) != null && errors.size() < MAX_ERRORS) {
            line++;
            if (line == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                s = s.substring(1);
            }
            if (s.isBlank()) {
                continue;
            }
            if (first) {
                first = false;
                if (s.startsWith(format.columns.get(0) + "\t")) {
                    continue;
                }
            }
            Listed l = parse(s, line, format, cells, errors);
            if (l != null) {
                each.accept(l);
            }
        }
        return errors;
    }

    private static Listed parse(String s, long line, Format format, String[] cells, List<FieldViolation> errors) {
        int n = split(s, cells);
        if (n != cells.length) {
            errors.add(new FieldViolation("line[" + line + "]", (n < cells.length ? "a short row: " : "a long row: ")
                    + cells.length + " TAB-separated fields expected (" + String.join(", ", format.columns) + "), got "
                    + (n > cells.length ? "more" : n)));
            return null;
        }
        int before = errors.size();
        long medfee = amount(cells[3], line, format.columns.get(3), errors);
        long fund = amount(cells[4], line, format.columns.get(4), errors);
        long acct = amount(cells[5], line, format.columns.get(5), errors);
        int flag = -1;
        if (cells[6].equals("0") || cells[6].equals("1")) {
            flag = cells[6].charAt(0) - '0';
        } else {
            errors.add(new FieldViolation("line[" + line + "].refd_setl_flag", "must be 0 (a settlement) or 1 (a "
                    + "refund), got \"" + cells[6] + "\""));
        }
        String key = cells[0];
        if (key.isEmpty()) {
            errors.add(new FieldViolation("line[" + line + "]." + format.columns.get(0), "is empty"));
        }
        if (errors.size() > before) {
            return null;
        }
        return format == Format.CENTRE
                ? new Listed(line, key, cells[1], cells[2], "", medfee, fund, acct, flag)
                : new Listed(line, cells[1], "", cells[2], key, medfee, fund, acct, flag);
    }

    /** Splits on TAB into {@code cells}, trimmed; answers how many fields there are (more than fit: length + 1). */
    private static int split(String s, String[] cells) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\t') {
                if (n == cells.length) {
                    return n + 1;
                }
                cells[n++] = s.substring(start, i).trim();
                start = i + 1;
            }
        }
        return n;
    }

    private static long amount(String text, long line, String column, List<FieldViolation> errors) {
        String p = Yuan.problem(text);
        if (p != null) {
            errors.add(new FieldViolation("line[" + line + "]." + column, p));
            return 0;
        }
        return Yuan.exact(text);
    }
}
