package cn.onestop.visits;

/** Where a visit (就诊, one mdtrt_id) stands. */
public enum VisitStatus {
    /** Registered (2201) or admitted (2401); fee details may be uploaded. */
    OPEN,
    /** Discharged (2402): an inpatient stay whose end is known. */
    DISCHARGED,
    /** Cancelled (2202, 2404, or a 2601 of its registration): nothing more happens on it. */
    CANCELLED
}
