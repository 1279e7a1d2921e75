package cn.onestop.rules;

/** Persons paid through another channel are not settled by the plan (E §36). */
public record OtherChannelRules(Param refused) {
}
