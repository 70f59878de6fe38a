package org.slotmail.slot.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** How the admin API writes and reads its records; the server and the client use the same rules. */
public final class AdminJson {
    private AdminJson() {}

    /**
     * A mapper for requests: an unknown field is refused, so a misspelt {@code timeoutMilis}
     * gets a 400 instead of silently meaning the default.
     */
    public static ObjectMapper strict() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** A mapper for answers: a newer slot may report fields this client does not know yet. */
    public static ObjectMapper lenient() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
