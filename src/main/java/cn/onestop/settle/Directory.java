package cn.onestop.settle;

import java.util.Optional;

/**
 * Port: who is enrolled — the persons, their credentials and the designated institutions. Reads
 * only; enrolment owns the tables and keeps this up to date.
 */
public interface Directory {
    /** A designated institution by its code (定点医药机构编号). */
    Optional<RegisteredInstitution> institution(String code);

    /** The person holding {@code credential}, with assistance identities but without credentials. */
    Optional<EnrolledPerson> holding(CredentialRef credential);

    /**
     * The person holding {@code credential} with, read in the same statement, the person's
     * accumulators of {@code year} in their plan and their account balance: what a pre-settlement
     * reads, in one round trip. Nothing is locked.
     */
    Optional<Holder> holdingWithState(CredentialRef credential, int year);

    /** A person and their state, read together. */
    record Holder(EnrolledPerson person, cn.onestop.request.Accumulators ytd, long balance) {
    }

    /** Only the person number of whoever holds {@code credential}. */
    Optional<String> personIdHolding(CredentialRef credential);

    /** A person by number, with identities and credentials. */
    Optional<EnrolledPerson> person(String personId);
}
