package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.StagedMessage;

/** A staged message's summary, parsed when first asked for, from memory or from its spool file. */
class StagedMessageTest {
    @TempDir
    Path dir;

    private static byte[] message(int bodyLines) {
        var text = new StringBuilder("From: Alice <alice@example.com>\r\nTo: bob@example.com\r\n"
                + "Subject: staged\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\n");
        for (int i = 0; i < bodyLines; i++) text.append("line ").append(i).append(" of the body\r\n");
        text.append("--b--\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theSummaryIsTheParseOfTheBytesWhetherHeldInMemoryOrSpooled() throws Exception {
        // 8 KiB in memory: the small message stays there, the large one goes to a spool file.
        var settings =
                new StoreSettings(dir, List.of(), StoreSettings.defaults(dir).maxSegmentBytes(), 8 * 1024);
        try (var store = SlotStore.open(settings)) {
            for (byte[] bytes : List.of(message(3), message(5000))) {
                StagedMessage staged;
                try (var w = store.newMessage()) {
                    w.body().write(bytes);
                    staged = w.finish();
                }
                try (staged) {
                    var expected = MessageSummary.parse(new ByteArrayInputStream(bytes));
                    assertThat(staged.summary().toBytes()).isEqualTo(expected.toBytes());
                    assertThat(((StagedBytes) staged).summaryBytes()).isEqualTo(expected.toBytes());
                }
            }
        }
    }
}
