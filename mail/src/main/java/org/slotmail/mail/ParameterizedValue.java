package org.slotmail.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * A header value of the form {@code value; name=value; ...} (Content-Type, RFC 2045 §5.1;
 * Content-Disposition, RFC 2183 §2), tokenized by mime4j. Parameter names are lower-cased (they
 * are case-insensitive) and kept in order, first occurrence wins; values are unquoted but
 * otherwise as written, RFC 2231 forms included.
 */
record ParameterizedValue(String value, Map<String, String> params) {
    static ParameterizedValue parse(byte[] unfolded) {
        ByteArrayBuffer buf = new ByteArrayBuffer(unfolded, unfolded.length, true);
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(buf, new ParserCursor(0, unfolded.length));
        Map<String, String> params = new LinkedHashMap<>();
        for (NameValuePair pair : body.getParams()) {
            String name = pair.getName() == null ? "" : HeaderText.trim(pair.getName());
            if (name.isEmpty()) continue;
            String key = HeaderText.fromWidenedBytes(name).toLowerCase(Locale.ROOT);
            String v = pair.getValue() == null ? "" : HeaderText.fromWidenedBytes(pair.getValue());
            params.putIfAbsent(key, v);
        }
        String value = body.getValue() == null ? "" : HeaderText.trim(HeaderText.fromWidenedBytes(body.getValue()));
        return new ParameterizedValue(value, Collections.unmodifiableMap(params));
    }
}
