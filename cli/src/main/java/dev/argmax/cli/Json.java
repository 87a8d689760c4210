package dev.argmax.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON output of the command line. Numbers are written as the shortest decimal that reads
 * back to the same double; non-finite numbers (an undefined p-value, an aliased coefficient)
 * are written as {@code null}, since JSON has no NaN.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A number, or null when it is NaN or infinite. */
    public static void put(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** An array of numbers, non-finite ones as null. */
    public static ArrayNode array(ObjectNode node, String field, double[] values) {
        ArrayNode a = node.putArray(field);
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    /** An array of strings. */
    public static ArrayNode array(ObjectNode node, String field, Iterable<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
        return a;
    }

    /** The node as indented JSON text. */
    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
