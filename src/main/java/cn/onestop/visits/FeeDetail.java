package cn.onestop.visits;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One uploaded fee detail line (费用明细) of a visit.
 *
 * @param sn 费用明细流水号, the billing system's key of the line within the visit
 * @param itemCode 医疗目录编码 (national catalog code)
 * @param medinsItemCode 医药机构目录编码 (the institution's own code), kept
 * @param unitPrice fen
 * @param qty whole units
 * @param amount {@code unitPrice × qty}, fen, as the billing system stated it
 * @param batch 收费批次号 (chrg_bchno), or empty
 * @param uploadedBy the message that uploaded it
 */
public record FeeDetail(String sn, String itemCode, String medinsItemCode, String itemName, long unitPrice, long qty,
                        long amount, LocalDateTime feeTime, String batch, String uploadedBy) {
    public FeeDetail {
        Objects.requireNonNull(sn, "sn");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
        medinsItemCode = medinsItemCode == null ? "" : medinsItemCode;
        itemName = itemName == null ? "" : itemName;
        batch = batch == null ? "" : batch;
    }
}
