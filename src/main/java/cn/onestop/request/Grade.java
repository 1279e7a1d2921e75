package cn.onestop.request;

/** Hospital grade within its level (甲/乙/丙/特等/无等). */
public enum Grade {
    SPECIAL, A, B, C, NONE
}
