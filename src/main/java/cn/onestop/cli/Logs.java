package cn.onestop.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import cn.onestop.db.Settings;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Locale;

/**
 * The form of the log, chosen by a setting: {@code log.format} ({@code ONESTOP_LOG_FORMAT}) {@code
 * text} (default, {@code logback.xml}: one readable line an event, with the request id) or {@code
 * json} ({@code logback-json.xml}: one JSON object a line, with every MDC key). A logback
 * configuration named by {@code -Dlogback.configurationFile} wins over both.
 */
final class Logs {
    private static final String[] FORMAT = {"log.format", "ONESTOP_LOG_FORMAT"};

    private Logs() {
    }

    /** Switches the log to the form {@code s} names. */
    static void configure(Settings s) {
        String v = s.get(FORMAT[0], FORMAT[1]);
        String format = v == null ? "text" : v.toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw s.error(FORMAT[0], FORMAT[1], "must be text or json, got '" + v + "'");
        }
        if (format.equals("json") && System.getProperty("logback.configurationFile") == null) {
            use("logback-json.xml"); // text is logback.xml, which logback loads by itself
        }
    }

    private static void use(String resource) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        URL config = Logs.class.getClassLoader().getResource(resource);
        if (!(factory instanceof LoggerContext ctx) || config == null) {
            return; // another logging backend: leave it
        }
        ctx.reset();
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(ctx);
        try {
            c.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("the log configuration " + resource + " is broken", e);
        }
    }
}
