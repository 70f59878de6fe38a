package org.slotmail.mail.section;

import java.util.List;
import java.util.Random;

/**
 * Random MIME messages that stress boundary handling: nested multiparts whose boundaries repeat
 * or prefix one another, unclosed parts, junk after delimiters, headers cut short, mixed CRLF and
 * bare LF, message/rfc822 and digest parts.
 */
final class RandomMime {
    private static final List<String> BOUNDARIES = List.of("b", "bb", "b1", "=_x", "outer", "b ");
    private final Random random;
    private final String eolStyle;
    private final StringBuilder out = new StringBuilder();

    RandomMime(Random random) {
        this.random = random;
        this.eolStyle = List.of("\r\n", "\n", "mixed").get(random.nextInt(3));
    }

    String message() {
        entity(0, false);
        return out.toString();
    }

    private String eol() {
        if (eolStyle.equals("mixed")) return random.nextBoolean() ? "\r\n" : "\n";
        return eolStyle;
    }

    private void line(String s) {
        out.append(s).append(eol());
    }

    private void entity(int depth, boolean inDigest) {
        String kind = depth > 4
                ? "leaf"
                : List.of("leaf", "leaf", "multipart", "multipart", "message", "digest-default")
                        .get(random.nextInt(6));
        String boundary = BOUNDARIES.get(random.nextInt(BOUNDARIES.size()));
        if (random.nextInt(4) == 0) line("Subject: part " + depth);
        switch (kind) {
            case "multipart" -> {
                String sub =
                        List.of("mixed", "alternative", "digest", "related").get(random.nextInt(4));
                if (random.nextBoolean()) {
                    line("Content-Type: multipart/" + sub + "; boundary=\"" + boundary + "\"");
                } else {
                    line("Content-Type: multipart/" + sub + ";");
                    line("\tboundary=" + boundary.trim());
                    boundary = boundary.trim();
                }
            }
            case "message" -> line("Content-Type: message/" + (random.nextBoolean() ? "rfc822" : "global"));
            case "digest-default" -> {
                if (!inDigest) line("Content-Type: text/plain");
            }
            default -> {
                switch (random.nextInt(5)) {
                    case 0 -> line("Content-Type: application/octet-stream");
                    case 1 -> line("Content-Type: multipart/mixed");
                    case 2 -> line("Content-Type: garbage");
                    default -> line("Content-Type: text/plain; charset=us-ascii");
                }
            }
        }
        if (random.nextInt(5) == 0) line("Content-Transfer-Encoding: base64");
        if (random.nextInt(20) == 0) return; // header without its empty line
        line("");
        boolean message = kind.equals("message") || (kind.equals("digest-default") && inDigest);
        if (kind.equals("multipart")) {
            multipart(boundary, depth, out.toString().contains("multipart/digest"));
        } else if (message) {
            entity(depth + 1, false);
        } else {
            text();
        }
    }

    private void multipart(String boundary, int depth, boolean digest) {
        if (random.nextBoolean()) line("preamble " + random.nextInt(100));
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            line("--" + boundary + (random.nextInt(6) == 0 ? "  junk" : ""));
            entity(depth + 1, digest);
        }
        switch (random.nextInt(6)) {
            case 0 -> {} // never closed
            case 1 -> out.append("--").append(boundary); // delimiter at the very end, no line break
            case 2 -> out.append("--").append(boundary).append(eol()); // an open delimiter at the end
            default -> line("--" + boundary + "--");
        }
        if (random.nextBoolean()) line("epilogue");
    }

    private void text() {
        int lines = random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(8)) {
                case 0 -> line("--" + BOUNDARIES.get(random.nextInt(BOUNDARIES.size())) + "x");
                case 1 -> line("");
                case 2 -> out.append("no line break");
                default -> line("text line " + random.nextInt(1000));
            }
        }
    }
}
