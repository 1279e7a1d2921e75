package cn.onestop.gateway;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Settings;
import cn.onestop.settle.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The operational limits of a request ({@link Limits}, and the largest gRPC message), read from
 * {@link Settings} like the rest of {@link ServerConfig}.
 *
 * <pre>
 *   property                    environment                    default
 *   limits.max-unit-price-fen   ONESTOP_MAX_UNIT_PRICE_FEN     200000000 (2,000,000.00 yuan a unit)
 *   limits.max-qty              ONESTOP_MAX_QTY                100000
 *   limits.max-days             ONESTOP_MAX_DAYS               366 (visit.days)
 *   limits.max-lines            ONESTOP_MAX_LINES              10000 (lines of one bill)
 *   limits.max-bill-total-fen   ONESTOP_MAX_BILL_TOTAL_FEN     1000000000 (10,000,000.00 yuan a bill)
 *   limits.earliest-date        ONESTOP_EARLIEST_DATE          2000-01-01 (settle and list dates; latest: tomorrow)
 *   server.max-message-bytes    ONESTOP_MAX_MESSAGE_BYTES      4194304 (4 MiB; larger: RESOURCE_EXHAUSTED)
 * </pre>
 */
final class LimitSettings {
    static final String[] MAX_UNIT_PRICE = {"limits.max-unit-price-fen", "ONESTOP_MAX_UNIT_PRICE_FEN"};
    static final String[] MAX_QTY = {"limits.max-qty", "ONESTOP_MAX_QTY"};
    static final String[] MAX_DAYS = {"limits.max-days", "ONESTOP_MAX_DAYS"};
    static final String[] MAX_LINES = {"limits.max-lines", "ONESTOP_MAX_LINES"};
    static final String[] MAX_BILL_TOTAL = {"limits.max-bill-total-fen", "ONESTOP_MAX_BILL_TOTAL_FEN"};
    static final String[] EARLIEST_DATE = {"limits.earliest-date", "ONESTOP_EARLIEST_DATE"};
    static final String[] MAX_MESSAGE = {"server.max-message-bytes", "ONESTOP_MAX_MESSAGE_BYTES"};
    static final List<String[]> KEYS = List.of(MAX_UNIT_PRICE, MAX_QTY, MAX_DAYS, MAX_LINES, MAX_BILL_TOTAL,
            EARLIEST_DATE, MAX_MESSAGE);

    /** The default largest gRPC message: gRPC's own default, 4 MiB. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    static final int MIN_MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAX_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LimitSettings.class);
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private LimitSettings() {
    }

    /** @throws ConfigurationException naming the key and its source when a value is bad */
    static Limits limits(Settings s) {
        for (String k : s.fileKeys()) {
            if (k.startsWith("limits.") && KEYS.stream().noneMatch(key -> key[0].equals(k))) {
                LOG.warn("{}: unknown limits key '{}' ignored", s.fileName(), k);
            }
        }
        Limits d = Limits.DEFAULTS;
        long price = s.longValue(MAX_UNIT_PRICE[0], MAX_UNIT_PRICE[1], d.maxUnitPriceFen(), 1, Limits.AMOUNT_CEILING);
        long total = s.longValue(MAX_BILL_TOTAL[0], MAX_BILL_TOTAL[1], d.maxBillTotalFen(), 1, Limits.AMOUNT_CEILING);
        return new Limits(price,
                s.longValue(MAX_QTY[0], MAX_QTY[1], d.maxQty(), 1, Limits.AMOUNT_CEILING),
                s.intValue(MAX_DAYS[0], MAX_DAYS[1], d.maxDays(), 1, Limits.DAYS_CEILING),
                s.intValue(MAX_LINES[0], MAX_LINES[1], d.maxLines(), 1, Limits.LINES_CEILING),
                total, earliest(s, d.earliestDate()));
    }

    /** @throws ConfigurationException naming the key and its source when the value is bad */
    static int maxMessageBytes(Settings s) {
        return s.intValue(MAX_MESSAGE[0], MAX_MESSAGE[1], DEFAULT_MAX_MESSAGE_BYTES, MIN_MAX_MESSAGE_BYTES,
                MAX_MAX_MESSAGE_BYTES);
    }

    private static LocalDate earliest(Settings s, LocalDate dflt) {
        String v = s.get(EARLIEST_DATE[0], EARLIEST_DATE[1]);
        if (v == null) {
            return dflt;
        }
        try {
            if (DATE.matcher(v).matches()) {
                LocalDate d = LocalDate.parse(v);
                if (!d.isBefore(Limits.EARLIEST_FLOOR)) {
                    return d;
                }
            }
        } catch (DateTimeException e) {
            // below
        }
        throw s.error(EARLIEST_DATE[0], EARLIEST_DATE[1], "must be a date YYYY-MM-DD, " + Limits.EARLIEST_FLOOR
                + " or later, got '" + v + "'");
    }
}
