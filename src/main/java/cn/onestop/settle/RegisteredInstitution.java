package cn.onestop.settle;

import cn.onestop.request.Institution;

import java.util.Objects;

/**
 * A designated institution as enrolled.
 *
 * @param institution what the engine needs: level, grade, kind, designations
 * @param region the treating region (就医地, 6-digit admin-division code) whose catalog classifies its bills
 */
public record RegisteredInstitution(String code, Institution institution, String region) {
    public RegisteredInstitution {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(region, "region");
    }
}
