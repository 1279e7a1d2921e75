package cn.onestop.enrolment;

import java.util.Locale;

/** Person ids, institution codes and credential values compared ignoring case, as the ledger's collation does. */
final class Keys {
    private Keys() {}

    /** The case-folded form of an id, a code or a credential value. */
    static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** One credential: its type and case-folded value. */
    static String credentialKey(int certType, String value) {
        return certType + ":" + key(value);
    }
}
