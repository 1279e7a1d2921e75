package cn.onestop.enrolment;

/** The institutions columns an import sets, as stored: equal values are not written again. */
record InstitutionValues(
        String name,
        int level,
        String grade,
        String kind,
        boolean tcm,
        boolean dualChannel,
        boolean outpatientPooling,
        String region) {}
