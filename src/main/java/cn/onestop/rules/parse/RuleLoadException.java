package cn.onestop.rules.parse;

/** A rule file that cannot become a rule version; the message names the file and the parameter. */
public final class RuleLoadException extends RuntimeException {
    public RuleLoadException(String message) {
        super(message);
    }

    public RuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
