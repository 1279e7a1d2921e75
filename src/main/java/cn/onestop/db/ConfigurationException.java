package cn.onestop.db;

/**
 * A bad setting: a value in the properties file or an {@code ONESTOP_*} variable (database or
 * gateway, see {@link Settings}), a command-line option, or a configured resource that cannot be
 * used (an unreachable {@code db.url}, an embedded dir that cannot be created, a port in use).
 * The message is one line that names the setting and where its value came from; the command line
 * prints it without a stack trace.
 *
 * <p>An {@link IllegalArgumentException}, so callers of the config loaders that catch that keep
 * working.
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the property, variable or option at fault (e.g. {@code server.port})
     * @param message one line naming the setting and its source
     */
    public ConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    public ConfigurationException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The property, variable or option at fault, e.g. {@code server.port} or {@code --config}. */
    public String setting() {
        return setting;
    }
}
