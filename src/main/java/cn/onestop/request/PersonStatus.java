package cn.onestop.request;

/** Insurance status of a person on the settlement date. */
public enum PersonStatus {
    /** 在职 employee. */
    ACTIVE,
    /** 退休 retired employee. */
    RETIRED,
    /** 城乡居民 resident. */
    RESIDENT,
    /** Outside the scheme, paid through another channel (E §36: 省级干部、离休、老红军、全残). */
    OTHER_CHANNEL;

    public boolean isEmployee() {
        return this == ACTIVE || this == RETIRED;
    }
}
