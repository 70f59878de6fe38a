package org.slotmail.slot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API's JSON: what the slot writes, the client reads back unchanged. */
class AdminJsonTest {
    @Test
    void aStatusSurvivesTheRoundTripWithItsListenerOrderAndUnknownValuesAsNull() throws Exception {
        var listeners = new LinkedHashMap<String, String>();
        listeners.put("lmtp", "127.0.0.1:10024");
        listeners.put("imap", "127.0.0.1:10143");
        listeners.put("pop3s", "127.0.0.1:10995");
        var status = new SlotStatus(
                "s1",
                "st1",
                SlotRole.MASTER,
                true,
                listeners,
                "127.0.1.1:10871",
                List.of(
                        new ChannelStatus("s2", "s2", "127.0.1.2:10872", "idle", 0L, 0L, 3L, 11L, null, 0),
                        new ChannelStatus("s3", "s3", "127.0.1.3:10873", "stopped", 5L, 120L, null, null, "x", 1)));
        String json = AdminJson.strict().writeValueAsString(status);
        assertThat(json).contains("\"role\":\"master\"", "\"lagP50Millis\":null");
        var read = AdminJson.lenient().readValue(json, SlotStatus.class);
        assertThat(read).isEqualTo(status);
        assertThat(read.listeners().keySet()).containsExactly("lmtp", "imap", "pop3s");
    }

    @Test
    void theClientIgnoresFieldsANewerSlotAddsButRequestsMayNotCarryUnknownOnes() throws Exception {
        var newer = "{\"drained\":true,\"channels\":[],\"bytesShipped\":42}";
        assertThat(AdminJson.lenient().readValue(newer, DrainResult.class).drained())
                .isTrue();
        assertThatThrownBy(() -> AdminJson.strict().readValue("{\"timeoutMilis\":5}", DrainRequest.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThat(AdminJson.strict().readValue("{}", DrainRequest.class).timeoutMillis())
                .isNull();
    }

    @Test
    void rolesAreWrittenAndReadInLowerCaseOnly() throws Exception {
        assertThat(AdminJson.strict().writeValueAsString(new RoleChange(SlotRole.REPLICA)))
                .isEqualTo("{\"role\":\"replica\"}");
        assertThat(SlotRole.parse("master")).isEqualTo(SlotRole.MASTER);
        assertThatThrownBy(() -> SlotRole.parse("MASTER")).hasMessage("role must be master or replica, not 'MASTER'");
    }

    @Test
    void aChannelIsEmptyOnlyWhenItsBacklogIsKnownToBeZero() {
        assertThat(new ChannelStatus("s2", "s2", "h:1", "idle", 0L, 0L, null, null, null, 0).empty())
                .isTrue();
        assertThat(new ChannelStatus("s2", "s2", "h:1", "stopped", null, null, null, null, null, 0).empty())
                .isFalse();
    }
}
