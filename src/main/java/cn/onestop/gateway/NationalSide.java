package cn.onestop.gateway;

import cn.onestop.db.Database;
import cn.onestop.national.CodeTables;
import cn.onestop.national.NationalFront;
import cn.onestop.national.NationalServer;
import cn.onestop.visits.FileExchange;
import cn.onestop.visitstore.JdbcFileStore;
import cn.onestop.visitstore.JdbcMessageJournal;

import java.io.IOException;
import java.time.Clock;

/**
 * The national platform's JSON interface, wired: its code tables, the front over the use cases, and
 * its HTTP server on {@code national.port} with the gRPC port's TLS material and identities, its
 * answers made on the same bounded workers.
 */
final class NationalSide {
    private NationalSide() {
    }

    static NationalServer start(Database database, Components parts, ServerConfig cfg, TlsConfig tls,
                                NationalConfig national, NationalServer.Workers workers,
                                java.time.Duration clearingTimeout, Clock clock) throws IOException {
        CodeTables tables = CodeTables.load(national.codes());
        Clock local = clock.withZone(cfg.zone());
        FileExchange files = new FileExchange(new JdbcFileStore(database.dataSource()),
                new JdbcMessageJournal(database.dataSource()), national.fileRetention(), local);
        NationalFront front = new NationalFront(parts.useCases(), parts.visits(), parts.clearing(), files, tables,
                parts.authenticator(), parts.authFailures(), new NationalFront.Timeouts(cfg.defaultTimeout(),
                clearingTimeout), local, national.maxBodyBytes());
        NationalServer.Listen listen;
        if (tls.plaintext()) {
            listen = new NationalServer.Listen(tls.bind(), national.port(), null, national.maxBodyBytes());
        } else {
            Listener.Files f = Listener.files(tls);
            listen = new NationalServer.Listen(tls.bind(), national.port(), NationalServer.pem(f.cert(), f.key(),
                    f.clientCa()), national.maxBodyBytes());
        }
        return NationalServer.start(front, workers, listen);
    }
}
