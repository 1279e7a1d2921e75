package cn.onestop.gateway;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.catalog.CatalogClassifier;
import cn.onestop.catalog.CatalogVersion;
import cn.onestop.db.SqlErrors;
import cn.onestop.request.ItemLine;
import cn.onestop.settle.BillClassifier;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The catalogs as the settle use cases see them: coded lines classified by the region's version in force. */
final class CatalogBills implements BillClassifier {
    private final CatalogCache catalogs;

    CatalogBills(CatalogCache catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Optional<Classification> classify(String region, LocalDate date, List<ItemLine> lines) {
        CatalogVersion version = catalogs.inForce(region, date);
        if (version == null) {
            return Optional.empty();
        }
        try {
            // items not cached are read on a connection of the catalog's own
            CatalogClassifier.Classified c = catalogs.classify(null, version, lines);
            return Optional.of(new Classification(c.lines(), c.warnings(), version.id()));
        } catch (SQLException e) {
            throw SqlErrors.toStore("catalog items", e);
        }
    }
}
