package cn.onestop.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Where {@link CatalogCache} gets versions and items: the database ({@link CatalogStore}) or, in tests, memory. */
public interface CatalogSource {
    /** A number that changes whenever a version is published. */
    long generation() throws SQLException;

    /** Every published version. */
    List<CatalogVersion> versions() throws SQLException;

    /**
     * The items of {@code version} that have one of {@code codes}, by code; codes it lacks are absent.
     *
     * @param c the caller's connection (a settlement's transaction), so that a lookup never waits for
     *     a second pooled connection; may be null for a source that needs none
     */
    Map<String, CatalogItem> items(Connection c, CatalogVersion version, Collection<String> codes)
            throws SQLException;
}
