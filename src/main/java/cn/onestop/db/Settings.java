package cn.onestop.db;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of one start: a properties file (UTF-8) overridden by {@code ONESTOP_*}
 * environment variables, a variable set to a blank value counting as unset. Every lookup names a
 * property and its variable, and every bad value is reported as a {@link ConfigurationException}
 * that says which of the two it came from, e.g. {@code server.port in config/onestop.properties
 * must be a whole number from 0 to 65535, got '70000'} or {@code ONESTOP_DB_POOL_SIZE
 * (environment variable, overrides db.pool.size) must be ...}.
 *
 * <p>Read by {@link DatabaseConfig} and {@code cn.onestop.gateway.ServerConfig}.
 */
public final class Settings {
    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    private final Properties props;
    private final String fileName;
    private final Map<String, String> env;

    private Settings(Properties props, String fileName, Map<String, String> env) {
        this.props = props;
        this.fileName = fileName;
        this.env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** No file, only {@code env}. */
    public static Settings of(Map<String, String> env) {
        return new Settings(new Properties(), "(no file)", env);
    }

    /**
     * Reads {@code file} (null or missing: no file, defaults and environment only) and takes
     * {@code env} as the environment.
     *
     * @throws ConfigurationException the file exists but is not a regular file or cannot be read
     *     (not UTF-8, unreadable, a malformed {@code \\u} escape)
     */
    public static Settings load(Path file, Map<String, String> env) {
        Properties props = new Properties();
        if (file == null) {
            return new Settings(props, "(no file)", env);
        }
        if (!Files.exists(file)) {
            log.info("{} not found; using defaults and ONESTOP_* environment variables", file);
            return new Settings(props, file.toString(), env);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(
                    "config file", "config file " + file + " is not a regular file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(
                    "config file", "cannot read config file " + file + ": it is not UTF-8", e);
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(
                    "config file", "cannot read config file " + file + ": permission denied", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(
                    "config file",
                    "cannot read config file " + file + ": " + oneLine(e.getMessage(), e),
                    e);
        }
        return new Settings(props, file.toString(), env);
    }

    /** The file's name as given, or {@code (no file)}. */
    public String fileName() {
        return fileName;
    }

    /** The keys the file sets. */
    public Set<String> fileKeys() {
        return props.stringPropertyNames();
    }

    /** The trimmed value of {@code var}, else of {@code key} in the file; null when unset/blank. */
    public String get(String key, String var) {
        String v = getRaw(key, var);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Like {@link #get} but untrimmed (passwords may have spaces); null when unset. */
    public String getRaw(String key, String var) {
        String ev = env.get(var);
        if (ev != null && !ev.isBlank()) {
            return ev;
        }
        return props.getProperty(key);
    }

    /**
     * Where the value of the setting comes from: {@code ONESTOP_X (environment variable, overrides
     * key)}, {@code key in FILE} or {@code key (default)}.
     */
    public String origin(String key, String var) {
        String ev = env.get(var);
        if (ev != null && !ev.isBlank()) {
            return var + " (environment variable, overrides " + key + ")";
        }
        String pv = props.getProperty(key);
        if (pv != null && !pv.isBlank()) {
            return key + " in " + fileName;
        }
        return key + " (default)";
    }

    /** {@code "<origin> <problem>"} as a {@link ConfigurationException} for this setting. */
    public ConfigurationException error(String key, String var, String problem) {
        return new ConfigurationException(settingName(key, var), origin(key, var) + " " + problem);
    }

    /** Like {@link #error(String, String, String)}, keeping {@code cause}. */
    public ConfigurationException error(String key, String var, String problem, Throwable cause) {
        return new ConfigurationException(
                settingName(key, var), origin(key, var) + " " + problem, cause);
    }

    /** A whole number from {@code min} to {@code max}; {@code dflt} when unset. */
    public long longValue(String key, String var, long dflt, long min, long max) {
        String v = get(key, var);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw error(
                    key,
                    var,
                    "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
        return n;
    }

    /** {@link #longValue} for an int. */
    public int intValue(String key, String var, int dflt, int min, int max) {
        return (int) longValue(key, var, dflt, min, max);
    }

    /** {@code true} or {@code false} (any case); {@code dflt} when unset. */
    public boolean bool(String key, String var, boolean dflt) {
        String v = get(key, var);
        if (v == null) {
            return dflt;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw error(key, var, "must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A path; {@code dflt} when unset. */
    public Path path(String key, String var, Path dflt) {
        String v = get(key, var);
        if (v == null) {
            return dflt;
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw error(key, var, "is not a valid path: '" + v + "' (" + e.getReason() + ")");
        }
    }

    @Override
    public String toString() {
        return "settings from " + fileName + ", overridden by ONESTOP_* environment variables";
    }

    private String settingName(String key, String var) {
        String ev = env.get(var);
        return ev != null && !ev.isBlank() ? var : key;
    }

    /** The first line of {@code message} (or the exception's class when there is none). */
    static String oneLine(String message, Throwable e) {
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
