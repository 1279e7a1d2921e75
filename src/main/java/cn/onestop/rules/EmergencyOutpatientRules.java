package cn.onestop.rules;

/** Emergency outpatient within three days (E §22): a flat pool ratio, no deductible. */
public record EmergencyOutpatientRules(Param poolRatio) {
}
