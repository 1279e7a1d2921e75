package cn.onestop.settle;

import cn.onestop.kernel.InvalidRequestException;

/**
 * A credential presented at the counter: national mdtrt_cert_type (1 = 01 e-voucher token,
 * 2 = 02 ID number, 3 = 03 social security card number) and its value.
 */
public record CredentialRef(int type, String value) {
    public CredentialRef {
        if (type < 1 || type > 3) {
            throw new InvalidRequestException("type", "must be E_VOUCHER, ID_CARD or SOCIAL_SECURITY_CARD");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("value", "is required");
        }
        if (value.length() > 128) {
            throw new InvalidRequestException("value", "is longer than 128 characters");
        }
    }

    /** The value with all but its last four characters masked, for logs and answers. */
    public String masked() {
        int keep = Math.min(4, value.length());
        return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }
}
