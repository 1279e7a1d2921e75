package cn.onestop.kernel;

import java.util.List;

/**
 * The outcome of one import. An import is all-or-nothing: when {@link #errors()} is not empty
 * nothing was written and the counts are zero.
 *
 * @param source what was imported (a file name), also the audit log's subject
 * @param rows data records in the file (blank lines and the header not counted)
 * @param inserted records that created a new person / institution
 * @param updated records that changed something already stored
 * @param unchanged records identical to what is stored (nothing written for them)
 * @param errors every bad record, with its line and field; empty when the import was applied
 * @param warnings things applied as documented but worth a look (e.g. a balance not reset)
 */
public record ImportReport(
        String source,
        int rows,
        int inserted,
        int updated,
        int unchanged,
        List<RowError> errors,
        List<String> warnings) {
    public ImportReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when the file was valid and has been applied. */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** A refused import: nothing written. */
    public static ImportReport refused(String source, int rows, List<RowError> errors) {
        return new ImportReport(source, rows, 0, 0, 0, errors, List.of());
    }

    /** One line for logs and the audit trail. */
    public String summary() {
        return "rows="
                + rows
                + " inserted="
                + inserted
                + " updated="
                + updated
                + " unchanged="
                + unchanged
                + " errors="
                + errors.size()
                + " warnings="
                + warnings.size();
    }
}
