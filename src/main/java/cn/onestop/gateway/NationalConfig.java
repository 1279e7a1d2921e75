package cn.onestop.gateway;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Settings;

import java.nio.file.Path;

/**
 * The national platform's JSON interface: its own port beside the gRPC one, with the same TLS and
 * identities; read from the same sources as {@link ServerConfig}.
 *
 * <pre>
 *   property                  environment                       default
 *   national.port             ONESTOP_NATIONAL_PORT             8080 (0 = any free port, -1 = off)
 *   national.codes            ONESTOP_NATIONAL_CODES            config/national (the code tables; bundled if absent)
 *   national.max-body-bytes   ONESTOP_NATIONAL_MAX_BODY_BYTES   4194304 (a larger body: HTTP 413, infcode -2)
 *   national.file-retention-hours  ONESTOP_NATIONAL_FILE_RETENTION_HOURS  24 (a 9101 / answered file, 1..720)
 * </pre>
 *
 * @param port -1: the interface is not served
 */
public record NationalConfig(int port, Path codes, int maxBodyBytes, int fileRetentionHours) {
    private static final String[] PORT = {"national.port", "ONESTOP_NATIONAL_PORT"};
    private static final String[] CODES = {"national.codes", "ONESTOP_NATIONAL_CODES"};
    private static final String[] MAX_BODY = {"national.max-body-bytes", "ONESTOP_NATIONAL_MAX_BODY_BYTES"};
    private static final String[] RETENTION = {"national.file-retention-hours", "ONESTOP_NATIONAL_FILE_RETENTION_HOURS"};

    public NationalConfig {
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("national.port must be -1..65535, got " + port);
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 268_435_456) {
            throw new IllegalArgumentException("national.max-body-bytes must be 1024..268435456, got " + maxBodyBytes);
        }
        if (fileRetentionHours < 1 || fileRetentionHours > 720) {
            throw new IllegalArgumentException("national.file-retention-hours must be 1..720, got " + fileRetentionHours);
        }
    }

    public static NationalConfig defaults() {
        return new NationalConfig(8080, Path.of("config", "national"), 4 * 1024 * 1024, 24);
    }

    /** Not served. */
    public static NationalConfig off() {
        return defaults().withPort(-1);
    }

    public NationalConfig withPort(int p) {
        return new NationalConfig(p, codes, maxBodyBytes, fileRetentionHours);
    }

    public NationalConfig withMaxBodyBytes(int n) {
        return new NationalConfig(port, codes, n, fileRetentionHours);
    }

    public java.time.Duration fileRetention() {
        return java.time.Duration.ofHours(fileRetentionHours);
    }

    public boolean enabled() {
        return port >= 0;
    }

    public static NationalConfig load(Settings s) {
        NationalConfig d = defaults();
        return new NationalConfig(s.intValue(PORT[0], PORT[1], d.port(), -1, 65_535),
                s.path(CODES[0], CODES[1], d.codes()),
                s.intValue(MAX_BODY[0], MAX_BODY[1], d.maxBodyBytes(), 1024, 268_435_456),
                s.intValue(RETENTION[0], RETENTION[1], d.fileRetentionHours(), 1, 720));
    }

    /** A {@link ConfigurationException} about {@code national.port}, naming where its value came from. */
    public static ConfigurationException portError(Settings s, String problem, Throwable cause) {
        return s.error(PORT[0], PORT[1], problem, cause);
    }

    /** A {@link ConfigurationException} about {@code national.codes}. */
    static ConfigurationException codesError(Settings s, String problem, Throwable cause) {
        return s.error(CODES[0], CODES[1], problem, cause);
    }
}
