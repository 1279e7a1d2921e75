package cn.onestop.csv;

import java.util.Arrays;
import java.util.Map;

/**
 * A column holding one constant of an enum: its name in any case, or one of the aliases exactly.
 *
 * @param type the enum
 * @param expected the accepted values in words, after "must be " in the message for any other
 *     value
 * @param aliases other words for constants, matched exactly (e.g. 甲类 for A)
 */
public record Choice<E extends Enum<E>>(Class<E> type, String expected, Map<String, E> aliases) {
    public Choice {
        aliases = Map.copyOf(aliases);
    }

    /** Any constant by name; others are told {@code "one of [A, B, C]"}. */
    public static <E extends Enum<E>> Choice<E> of(Class<E> type) {
        return new Choice<>(type, "one of " + Arrays.toString(type.getEnumConstants()), Map.of());
    }

    /** Any constant by name; others are told {@code expected}. */
    public static <E extends Enum<E>> Choice<E> of(Class<E> type, String expected) {
        return new Choice<>(type, expected, Map.of());
    }

    /** This choice also taking {@code aliases}. */
    public Choice<E> withAliases(Map<String, E> aliases) {
        return new Choice<>(type, expected, aliases);
    }

    /** The constant {@code text} names, or null. */
    public E parse(String text) {
        E alias = aliases.get(text);
        return alias != null ? alias : Values.constant(type, text);
    }
}
