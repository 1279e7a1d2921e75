package cn.onestop.catalog;

import cn.onestop.kernel.ImportReport;
import cn.onestop.kernel.Progress;
import cn.onestop.kernel.RowError;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Imports a catalog CSV ({@link CatalogCsv}) as a new version of one or more regions' catalogs.
 *
 * <ul>
 *   <li><b>All rows first.</b> Every record is validated before anything is written; any bad record
 *       refuses the file and the report lists every one (line, column, message).
 *   <li><b>All or nothing.</b> A valid file is written in one transaction (the item set, then a
 *       version per region); until it commits nothing of it is visible, and an import cut off
 *       half-way leaves the catalogs as they were.
 *   <li><b>Idempotent.</b> The same items, region and dates again (in any row order) change nothing.
 *       A different file for a region and start date already published is refused: a published
 *       version never changes, a change is a new version with a later effective date.
 * </ul>
 *
 * <p>Report counts: {@code rows} = data records; {@code inserted} = item rows written (0 when the
 * same items were already stored for another region or date: the new version shares them);
 * {@code unchanged} = rows, when every version was already published; {@code updated} is always 0.
 * A refusal that is not about one record (a version conflict) is reported on line 0.
 */
public final class CatalogImport {
    private final CatalogStore store;

    public CatalogImport(CatalogStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The outcome: the report, and the versions published by this import or found already published.
     */
    public record Outcome(ImportReport report, List<CatalogVersion> created, List<CatalogVersion> unchanged) {
        public Outcome {
            created = List.copyOf(created);
            unchanged = List.copyOf(unchanged);
        }

        public boolean ok() {
            return report.ok();
        }
    }

    /** Imports a UTF-8 file; the source is its file name. */
    public Outcome importFile(Path file, List<String> regions, LocalDate effectiveFrom, LocalDate effectiveTo,
                              Progress progress) throws IOException, SQLException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importCatalog(String.valueOf(file.getFileName()), r, regions, effectiveFrom, effectiveTo, progress);
        }
    }

    /**
     * Imports a catalog from {@code in}.
     *
     * @param regions the catalog regions (6 digits each) that get this version
     * @param effectiveTo last day in force, or null: until the region's next version
     * @param progress told how many item rows are written, as they are; may be null
     * @throws IllegalArgumentException a region is not six digits, or the dates are reversed
     */
    public Outcome importCatalog(String source, Reader in, List<String> regions, LocalDate effectiveFrom,
                                 LocalDate effectiveTo, Progress progress) throws IOException, SQLException {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region");
        }
        for (String r : regions) {
            CatalogVersion.checkRegion(r);
        }
        if (regions.stream().distinct().count() != regions.size()) {
            throw new IllegalArgumentException("a region is named twice: " + regions);
        }
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("effective_to " + effectiveTo + " is before effective_from "
                    + effectiveFrom);
        }
        CatalogCsv.Parsed parsed = CatalogCsv.read(in);
        List<String> warnings = new ArrayList<>();
        if (!parsed.ignored().isEmpty()) {
            warnings.add("columns ignored: " + String.join(", ", parsed.ignored()));
        }
        if (!parsed.errors().isEmpty()) {
            return new Outcome(new ImportReport(source, parsed.records(), 0, 0, 0, parsed.errors(), warnings),
                    List.of(), List.of());
        }
        if (parsed.items().isEmpty()) {
            return new Outcome(new ImportReport(source, 0, 0, 0, 0,
                    List.of(new RowError(1, RowError.ROW, "the file has no items: an empty catalog is not published")),
                    warnings), List.of(), List.of());
        }
        List<CatalogItem> items = new ArrayList<>(parsed.items());
        items.sort(Comparator.comparing(CatalogItem::code));
        String digest = CatalogCsv.digest(items);
        CatalogStore.Publication p;
        try {
            p = store.publish(regions, effectiveFrom, effectiveTo, source, items, digest, Progress.orNone(progress));
        } catch (CatalogStore.ConflictException e) {
            return new Outcome(new ImportReport(source, parsed.records(), 0, 0, 0,
                    List.of(new RowError(0, RowError.ROW, e.getMessage())), warnings), List.of(), List.of());
        }
        if (!p.created().isEmpty() && p.itemsWritten() == 0) {
            warnings.add("the same items are already stored (digest " + digest.substring(0, 12)
                    + "…): the new version shares them");
        }
        int unchanged = p.created().isEmpty() ? parsed.records() : 0;
        return new Outcome(new ImportReport(source, parsed.records(), p.itemsWritten(), 0, unchanged, List.of(),
                warnings), p.created(), p.unchanged());
    }
}
