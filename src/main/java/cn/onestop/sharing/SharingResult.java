package cn.onestop.sharing;

import cn.onestop.rules.Param;

import java.util.List;
import java.util.Objects;

/**
 * What the year-end sharing decides, in fen: what the centre pays, what the hospital bears (0 when
 * none), the reward, the band applied and the parameters used.
 * {@code centrePays + hospitalBears = actual + reward}.
 */
public record SharingResult(SharingScheme scheme, long budget, long actual, long centrePays, long hospitalBears,
                            long reward, SharingBand band, List<Param> params) {
    public SharingResult {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(band, "band");
        params = List.copyOf(params);
        if (centrePays + hospitalBears != actual + reward) {
            throw new IllegalStateException("centre_pays + hospital_bears must be actual + reward");
        }
        if (centrePays < 0 || hospitalBears < 0 || reward < 0) {
            throw new IllegalStateException("no part of a sharing is negative");
        }
    }
}
