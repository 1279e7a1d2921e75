package cn.onestop.request;

import cn.onestop.kernel.InvalidRequestException;

/**
 * The designated institution where the bill arises.
 *
 * @param level 0 (pharmacy / unrated), 1, 2 or 3 (医院等级)
 * @param grade 甲/乙/丙/特等/无等 within the level
 * @param tcm a TCM or Mongolian-medicine institution (中医/蒙医)
 * @param dualChannel a 双通道 pharmacy (W §11)
 * @param outpatientPooling designated for outpatient pooling (门诊统筹定点, W §16)
 */
public record Institution(int level, Grade grade, InstitutionKind kind, boolean tcm, boolean dualChannel,
                          boolean outpatientPooling) {
    public Institution {
        if (level < 0 || level > 3) {
            throw new InvalidRequestException("level", "must be 0..3, got " + level);
        }
        Require.present(grade, "grade");
        Require.present(kind, "kind");
    }
}
