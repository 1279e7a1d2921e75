/**
 * The one way import files are read: CSV records with their physical line numbers (commons-csv),
 * the header checked against the columns a format names, and typed access to each record's cells
 * in which every problem becomes a {@link cn.onestop.kernel.RowError} naming the line and the
 * column. Persons, institutions and catalogs all read their files through it.
 *
 * <p>Dialect: UTF-8 (a leading BOM is ignored), RFC 4180 (a field with a comma, a quote or a line
 * break is quoted with {@code "}), values trimmed, blank lines skipped; the header is the first
 * non-blank line. Amounts are whole fen read as {@code long}, never through floating point.
 */
package cn.onestop.csv;
