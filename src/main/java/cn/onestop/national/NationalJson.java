package cn.onestop.national;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as this front reads and writes it (Jackson): numbers kept exact (a yuan amount sent as a JSON
 * number is read as the decimal it spells), a repeated key refused, depth and sizes bounded, nothing
 * after the document. The canonical form of a request (keys sorted, no white space) is what its
 * fingerprint is taken over.
 */
final class NationalJson {
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                            .maxNumberLength(40).maxStringLength(1 << 20).build()).build())
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private NationalJson() {
    }

    /** The document in {@code body} (UTF-8). */
    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    /**
     * The top-level {@code infno} of a request, read by streaming up to it without building the tree
     * (to choose where the message is answered); null when it is not a string there or the body is not
     * JSON — the full read then says what is wrong.
     */
    static String infno(byte[] body) {
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                if (name.equals("infno")) {
                    return v == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical text of a node: object keys sorted, numbers as their exact decimal. */
    static byte[] canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder(256);
        canonical(node, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void canonical(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            sb.append('{');
            sorted.forEach((k, v) -> {
                sb.append(JsonNodeFactory.instance.textNode(k)).append(':');
                canonical(v, sb);
                sb.append(',');
            });
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (JsonNode e : n) {
                canonical(e, sb);
                sb.append(',');
            }
            sb.append(']');
        } else if (n.isNumber()) {
            sb.append(n.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            sb.append(n);
        }
    }
}
