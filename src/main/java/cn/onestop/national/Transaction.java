package cn.onestop.national;

/** One transaction number's work. */
interface Transaction {
    /**
     * Whether it changes something: its outcome is then unknown (infcode -1) when the database failed
     * under it; a read that failed did nothing (-2).
     */
    boolean changes();

    Outcome run(Call call);

    static Transaction reading(java.util.function.Function<Call, Outcome> f) {
        return of(false, f);
    }

    static Transaction changing(java.util.function.Function<Call, Outcome> f) {
        return of(true, f);
    }

    private static Transaction of(boolean changes, java.util.function.Function<Call, Outcome> f) {
        return new Transaction() {
            @Override
            public boolean changes() {
                return changes;
            }

            @Override
            public Outcome run(Call call) {
                return f.apply(call);
            }
        };
    }
}
