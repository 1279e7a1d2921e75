package cn.onestop.settle;

import cn.onestop.request.Accumulators;

import java.util.Objects;

/** A person as a counter looks them up (1101): enrolment, the year's accumulators, the account balance. */
public record PersonView(EnrolledPerson person, int year, Accumulators ytd, long accountBalance) {
    public PersonView {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(ytd, "ytd");
    }
}
