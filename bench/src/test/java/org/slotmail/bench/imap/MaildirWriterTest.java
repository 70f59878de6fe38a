package org.slotmail.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirWriterTest {
    @TempDir
    Path dir;

    @Test
    void filesAreTheMessagesWithLfLineEndsAndBothSizesInTheirNames() throws Exception {
        MailboxCorpus corpus = MailboxCorpus.forAccount("box@example.com");
        MaildirWriter.write(dir.resolve("Maildir"), corpus, 25, 3);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("Maildir/cur"))) {
            files = s.toList();
        }
        assertThat(files).hasSize(25);
        assertThat(dir.resolve("Maildir/new")).isEmptyDirectory();
        Pattern name = Pattern.compile("\\d+\\.M(\\d+)P\\d+\\.slotbench,S=(\\d+),W=(\\d+):2,");
        for (Path f : files) {
            Matcher m = name.matcher(f.getFileName().toString());
            assertThat(m.matches()).as(f.getFileName().toString()).isTrue();
            byte[] original = corpus.message(Long.parseLong(m.group(1)));
            byte[] stored = Files.readAllBytes(f);
            assertThat(stored).doesNotContain((byte) '\r');
            assertThat(Long.parseLong(m.group(2))).isEqualTo(stored.length);
            assertThat(Long.parseLong(m.group(3))).isEqualTo(original.length);
            String restored = new String(stored, StandardCharsets.UTF_8).replace("\n", "\r\n");
            assertThat(restored.getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
        }
    }

    @Test
    void dotStuffingDoublesOnlyLineInitialDots() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LmtpFeeder.writeDotStuffed(out, ".a\r\nb.c\r\n..\r\n.".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("..a\r\nb.c\r\n...\r\n..");
    }
}
