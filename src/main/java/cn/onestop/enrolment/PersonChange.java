package cn.onestop.enrolment;

import cn.onestop.enrolment.PersonCsv.Row;

/**
 * What an import writes for one row.
 *
 * @param personId as stored (its case kept), or as given for a new person
 * @param isNew no person with this id is stored
 * @param writePerson the persons row is inserted or differs from the stored one
 * @param replaceCredentials the stored credentials are replaced by the row's
 * @param replaceAssistance the stored assistance identities are replaced by the row's
 * @param openAccount an account with the row's balance and its OPENING journal entry are written
 * @param openAccumulators the row's opening accumulators and their OPENING journal entry are
 *     written
 */
record PersonChange(
        Row row,
        String personId,
        boolean isNew,
        boolean writePerson,
        boolean replaceCredentials,
        boolean replaceAssistance,
        boolean openAccount,
        boolean openAccumulators) {
    /** Whether anything is written for this row. */
    boolean writesAnything() {
        return writePerson || replaceCredentials || replaceAssistance || openAccount || openAccumulators;
    }
}
