package org.slotmail.imap.response;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** IMAP's date-time format (RFC 9051 §9 date-time), e.g. {@code "17-Jul-1996 02:44:25 +0000"}. */
public final class ImapDates {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ImapDates() {}

    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
