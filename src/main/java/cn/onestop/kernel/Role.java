package cn.onestop.kernel;

/** What a caller is, and so what it may do. */
public enum Role {
    /** A designated hospital or pharmacy (定点医药机构): its own settlements, under its own code only. */
    INSTITUTION,
    /** A remote-settlement clearing node (异地结算清分): the cross-region settlements of the regions it serves. */
    CLEARING,
    /** The insurance centre's administrators: rule versions, catalogs, enrolment and institution imports, credentials. */
    CENTRE_ADMIN,
    /** Read-only, everything: an insurance auditor. */
    AUDITOR,
    /** Operations: scrapes the metrics and reads the health of a node, and nothing else. */
    MONITOR
}
