package cn.onestop.engine;

/** Monitoring flags a settlement raises (A §8). */
public enum Flag {
    /** Yearly personal burden above the rural income line: 因病致贫监测. */
    ILLNESS_POVERTY_WATCH,
    /** Yearly personal burden above half of it: 因病返贫监测. */
    RELAPSE_WATCH
}
