package cn.onestop.rules;

/**
 * Rule versions that cannot stand together in one {@link RuleBook}: two different versions of a
 * plan on the same day, overlapping ranges, or a plan that changes scheme. The message names the
 * versions.
 */
public final class RuleVersionConflictException extends RuntimeException {
    public RuleVersionConflictException(String message) {
        super(message);
    }
}
