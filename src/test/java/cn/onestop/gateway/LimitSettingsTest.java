package cn.onestop.gateway;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Settings;
import cn.onestop.settle.Limits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operational limits as settings: defaults, the ONESTOP_* variables, a bad value named. */
class LimitSettingsTest {

    @Test
    void theShippedFileLeavesTheDefaults() {
        ServerConfig c = ServerConfig.load(Path.of("config", "onestop.properties"), Map.of());
        assertEquals(Limits.DEFAULTS, c.limits());
        assertEquals(4 * 1024 * 1024, c.maxMessageBytes());
    }

    @Test
    void everyLimitIsAVariable() {
        ServerConfig c = ServerConfig.load(Settings.of(Map.of("ONESTOP_MAX_UNIT_PRICE_FEN", "5000",
                "ONESTOP_MAX_QTY", "7", "ONESTOP_MAX_DAYS", "90", "ONESTOP_MAX_LINES", "500",
                "ONESTOP_MAX_BILL_TOTAL_FEN", "123456", "ONESTOP_EARLIEST_DATE", "2020-01-01",
                "ONESTOP_MAX_MESSAGE_BYTES", "1048576")));
        assertEquals(new Limits(5_000, 7, 90, 500, 123_456, LocalDate.of(2020, 1, 1)), c.limits());
        assertEquals(1_048_576, c.maxMessageBytes());
    }

    @Test
    void aBadValueIsOneErrorNamingItsSetting() {
        for (var bad : Map.of("ONESTOP_MAX_LINES", "50001", "ONESTOP_MAX_DAYS", "0",
                "ONESTOP_MAX_BILL_TOTAL_FEN", "100000000000001", "ONESTOP_MAX_UNIT_PRICE_FEN", "-1",
                "ONESTOP_EARLIEST_DATE", "+02020-01-01", "ONESTOP_MAX_MESSAGE_BYTES", "1024").entrySet()) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ServerConfig.load(Settings.of(Map.of(bad.getKey(), bad.getValue()))), bad.toString());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
        assertThrows(ConfigurationException.class, () -> ServerConfig.load(Settings.of(Map.of("ONESTOP_EARLIEST_DATE",
                "1899-12-31"))));
    }
}
