package cn.onestop.enrolment;

import cn.onestop.enrolment.PersonCsv.Assistance;
import java.util.Set;

/**
 * What the ledger holds for a person of the file.
 *
 * @param personId as stored (its case kept)
 * @param credentials {@link Keys#credentialKey} of each
 * @param balance the account's balance; null without an account
 * @param accumulators the accumulators row of the file's plan and opening year, in {@link
 *     cn.onestop.request.Accumulator} order; null when there is none (or the row asks for none)
 */
record StoredPerson(
        String personId,
        PersonValues values,
        Set<String> credentials,
        Set<Assistance> assistance,
        Long balance,
        long[] accumulators) {}
