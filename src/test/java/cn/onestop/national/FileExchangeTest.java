package cn.onestop.national;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static cn.onestop.national.OutpatientFlowTest.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file exchange as public clients use it: 9101 uploads a zip (base64, as fastjson writes a
 * byte[], or as an array of bytes) and answers its file_qury_no; 9102 gives back exactly those bytes
 * to the institution that uploaded them and to no other; bad input names every field and keeps nothing.
 */
class FileExchangeTest {
    static NationalFixture f;
    static His his;

    @BeforeAll
    static void start() throws Exception {
        f = new NationalFixture("national_files");
        his = f.his(NationalFixture.HOSPITAL);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static byte[] zip(String name, String text) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return b.toByteArray();
    }

    static String upload(String filename, byte[] content) {
        return "{\"fsUploadIn\":{\"in\":\"" + Base64.getEncoder().encodeToString(content) + "\",\"filename\":\""
                + filename + "\",\"fixmedins_code\":\"" + NationalFixture.HOSPITAL + "\"}}";
    }

    static String download(String no, String filename) {
        return "{\"fsDownloadIn\":{\"file_qury_no\":\"" + no + "\",\"filename\":\"" + filename
                + "\",\"fixmedins_code\":\"" + NationalFixture.HOSPITAL + "\"}}";
    }

    @Test
    void anUploadedFileComesBackByteForByteToItsInstitutionOnly() throws Exception {
        byte[] content = zip("detail.txt", "S1\tV1\t150100000001\t101.50\t0.00\t28.00\t0\n");
        JsonNode up = ok(his.call("9101", upload("H15010500001_202612.zip", content)));
        String no = up.get("file_qury_no").asText();
        assertTrue(FileTransactions.FILE_NO.matcher(no).matches(), no);
        assertEquals("H15010500001_202612.zip", up.get("filename").asText());
        assertTrue(up.get("dld_endtime").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), up::toString);

        HttpResponse<byte[]> got = his.download("9102", download(no, "H15010500001_202612.zip"));
        assertEquals(200, got.statusCode());
        assertEquals("application/octet-stream", got.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(content, got.body());

        // as an array of signed bytes, as some clients serialise a byte[]
        StringBuilder arr = new StringBuilder("[");
        for (int i = 0; i < content.length; i++) {
            arr.append(i == 0 ? "" : ",").append(content[i]);
        }
        JsonNode up2 = ok(his.call("9101", "{\"fsUploadIn\":{\"in\":" + arr + "],\"filename\":\"b.zip\"}}"));
        assertArrayEquals(content, his.download("9102", download(up2.get("file_qury_no").asText(), "b.zip")).body());

        His neighbour = f.his(NationalFixture.NEIGHBOUR);
        JsonNode other = His.JSON.readTree(neighbour.download("9102", download(no, "")
                .replace(NationalFixture.HOSPITAL, NationalFixture.NEIGHBOUR)).body());
        assertEquals(-2, other.get("infcode").asInt(), other::toString);
        assertTrue(other.get("err_msg").asText().startsWith("FILE_NOT_FOUND"), other::toString);
    }

    @Test
    void anUploadSentAgainWithItsMsgidAnswersTheSameFileAndStoresNothingMore() throws Exception {
        byte[] content = zip("detail.txt", "S9\tV9\t150100000009\t10.00\t0.00\t0.00\t0\n");
        String msgid = his.msgid();
        JsonNode first = ok(his.call("9101", msgid, upload("again.zip", content)));
        long stored = f.one("SELECT COUNT(*) FROM national_files");
        JsonNode again = ok(his.call("9101", msgid, upload("again.zip", content)));
        assertEquals(first.get("file_qury_no").asText(), again.get("file_qury_no").asText(),
                "the number first answered");
        assertEquals(stored, f.one("SELECT COUNT(*) FROM national_files"), "no second copy");
        JsonNode other = his.call("9101", msgid, upload("other.zip", content));
        assertTrue(other.get("err_msg").asText().startsWith("MESSAGE_ID_REUSED"), other::toString);
        assertEquals(stored, f.one("SELECT COUNT(*) FROM national_files"));
    }

    @Test
    void badUploadsNameEveryFieldAndKeepNothing() throws Exception {
        long before = f.one("SELECT COUNT(*) FROM national_files");
        JsonNode r = his.call("9101", "{\"fsUploadIn\":{\"in\":\"not base64!\",\"filename\":\"../../etc/passwd\","
                + "\"fixmedins_code\":\"H15010300001\"}}");
        assertEquals(-2, r.get("infcode").asInt(), r::toString);
        String err = r.get("err_msg").asText();
        assertTrue(err.startsWith("INVALID_ARGUMENT"), err);
        assertTrue(err.contains("input.fsUploadIn.in "), err);
        assertTrue(err.contains("input.fsUploadIn.fixmedins_code "), err);
        r = his.call("9101", upload("a/b.zip", new byte[] {1, 2}));
        assertTrue(r.get("err_msg").asText().contains("filename"), r::toString);
        r = his.call("9101", "{\"fsUploadIn\":{\"in\":[1,2,300]}}");
        err = r.get("err_msg").asText();
        assertTrue(err.contains("input.fsUploadIn.in[2] ") && err.contains("input.fsUploadIn.filename "), err);
        r = his.call("9102", "{\"fsDownloadIn\":{\"file_qury_no\":\"../x\"}}");
        assertTrue(r.get("err_msg").asText().contains("input.fsDownloadIn.file_qury_no "), r::toString);
        assertEquals(before, f.one("SELECT COUNT(*) FROM national_files"));
    }
}
