package cn.onestop.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Sample institutions and persons on a fresh database, so a new gateway is ready for a client. */
final class Samples {
    private static final Logger LOG = LoggerFactory.getLogger(Samples.class);

    private Samples() {
    }

    static void loadIfEmpty(DataSource ds, Path dir) throws IOException, SQLException {
        // filled in once the enrolment import lands
        LOG.info("samples: {}", dir);
    }
}
