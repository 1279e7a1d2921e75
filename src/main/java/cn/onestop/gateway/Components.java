package cn.onestop.gateway;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.catalog.CatalogStore;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.db.Database;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.Authenticator;
import cn.onestop.identity.IdentityStore;
import cn.onestop.ledger.JdbcLedger;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.rulestore.RuleStore;
import cn.onestop.settle.SettlementEvents;
import cn.onestop.settle.UseCases;
import cn.onestop.visits.VisitUseCases;
import cn.onestop.visitstore.JdbcMessageJournal;
import cn.onestop.visitstore.JdbcVisits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a gateway node runs on, over one database: rule versions, catalogs, the enrolment
 * directory, identities, the ledger, and the use cases built over them (the settlement use cases and the
 * national flow's visits).
 */
record Components(RuleStore ruleStore, RuleCache rules, CatalogCache catalogs, PersonDirectory directory,
                  IdentityStore identities, Authenticator authenticator, AuthFailures authFailures,
                  UseCases useCases, VisitUseCases visits, ClearingUseCases clearing) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    /**
     * Publishes the bundled rule tables the database lacks, loads the sample data (and the sample
     * catalog) into an empty database if asked, and builds the use cases.
     */
    static Components open(Database database, ServerConfig cfg, ClearingConfig clearingCfg, Duration authRecheck,
                           Clock clock, SettlementEvents events) throws IOException, SQLException {
        RuleStore store = new RuleStore(database.dataSource(), clock);
        for (String note : store.seed(RuleFiles.bundledFiles())) {
            LOG.info("rules: {}", note);
        }
        RuleCache rules = new RuleCache(store, cfg.rulesPoll());
        CatalogStore catalogStore = new CatalogStore(database.dataSource(), clock);
        if (cfg.loadSamples()) {
            Samples.loadIfEmpty(database.dataSource(), cfg.samplesDir(), rules.get());
            Samples.loadCatalogIfEmpty(database.dataSource(), catalogStore, cfg.catalogDir());
        }
        CatalogCache catalogs = new CatalogCache(catalogStore, cfg.catalogCacheSize(), cfg.rulesPoll());
        PersonDirectory directory = new PersonDirectory(database.dataSource(), cfg.rulesPoll());
        IdentityStore identities = new IdentityStore(database.dataSource());
        UseCases useCases = UseCases.over(directory, new CatalogBills(catalogs), new JdbcLedger(database.dataSource()),
                rules, clock.withZone(cfg.zone()), cfg.limits(), cfg.batching(), events);
        // the national interface's stateful flow: visits and fee details, over the same use cases
        VisitUseCases visits = VisitUseCases.over(new JdbcVisits(database.dataSource()),
                new JdbcMessageJournal(database.dataSource()), useCases, clock.withZone(cfg.zone()));
        ClearingUseCases clearing = ClearingSide.over(database, clearingCfg, rules, clock, cfg.zone());
        return new Components(store, rules, catalogs, directory, identities,
                new Authenticator(identities, authRecheck), new AuthFailures(database.dataSource()), useCases, visits,
                clearing);
    }

    @Override
    public void close() {
        useCases.close();
        rules.close();
        catalogs.close();
        directory.close();
        authFailures.close();
    }
}
