package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;

import java.time.Instant;
import java.util.function.Consumer;

/** The books read at a pace ({@link Pacing}): each streamed read rests between slices of rows. */
final class PacedBooks implements Books {
    private final Books books;
    private final Pacing pacing;

    PacedBooks(Books books, Pacing pacing) {
        this.books = books;
        this.pacing = pacing;
    }

    @Override
    public boolean institutionExists(String code) {
        return books.institutionExists(code);
    }

    @Override
    public boolean regionKnown(AdminDivision region) {
        return books.regionKnown(region);
    }

    @Override
    public void ofInstitution(String institutionCode, Instant from, Instant to, boolean funds, Consumer<Entry> each) {
        Pacing.Pace pace = pacing.start();
        books.ofInstitution(institutionCode, from, to, funds, e -> {
            each.accept(e);
            pace.row();
        });
    }

    @Override
    public void totalsOf(String institutionCode, Instant from, Instant to, Consumer<GroupTotal> each) {
        books.totalsOf(institutionCode, from, to, each); // summed by the database: a handful of rows
    }

    @Override
    public void crossRegionOf(AdminDivision insured, Instant from, Instant to, Consumer<Entry> each) {
        Pacing.Pace pace = pacing.start();
        books.crossRegionOf(insured, from, to, e -> {
            each.accept(e);
            pace.row();
        });
    }
}
