package org.slotmail.mail.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentDateTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Mon, 7 Feb 1994 21:52:25 -0800 (PST)      | 1994-02-07T21:52:25-08:00",
                "Fri, 21 Nov 1997 09:55:06 -0600           | 1997-11-21T09:55:06-06:00",
                "7 Feb 1994 21:52:25 -0800                 | 1994-02-07T21:52:25-08:00",
                "Thu,13 Feb 1969 23:32 -0330               | 1969-02-13T23:32-03:30",
                // RFC 5322 §4.3 obsolete forms: two-digit years, named zones, comments anywhere.
                "Mon, 07 Feb 94 21:52 PST                  | 1994-02-07T21:52-08:00",
                "Tue, 1 Jul 03 10:52:37 EDT                | 2003-07-01T10:52:37-04:00",
                "Sat, 1 Jan 101 00:00:00 GMT               | 2001-01-01T00:00Z",
                "Thu, 13 Feb 2020 12:00:00 +0000 (UTC)     | 2020-02-13T12:00Z",
                "Fri, 21 Nov 1997 09:(comment) 55 :  06 -0600 | 1997-11-21T09:55:06-06:00",
                // Real-world leniency: unknown zone names, no zone, no time, asctime, dashes.
                "Tue, 1 Jul 2003 10:52:37 +0200 CEST       | 2003-07-01T10:52:37+02:00",
                "Fri, 21 Nov 1997 09:55:06 CEST            | 1997-11-21T09:55:06Z",
                "Fri, 21 Nov 1997 09:55:06                 | 1997-11-21T09:55:06Z",
                "21 Nov 1997                               | 1997-11-21T00:00Z",
                "Fri Nov 21 09:55:06 1997                  | 1997-11-21T09:55:06Z",
                "21-Nov-1997 09:55:06 +0100                | 1997-11-21T09:55:06+01:00",
                "Sat, 14 March 2020 9:05:03 EST            | 2020-03-14T09:05:03-05:00",
                "2020-02-13T12:00:00+01:00                 | 2020-02-13T12:00+01:00",
                "Mon, 31 Dec 2012 23:59:60 +0000           | 2012-12-31T23:59:59Z",
            })
    void readsDates(String header, String expected) {
        assertThat(SentDate.parse(header.trim())).isEqualTo(OffsetDateTime.parse(expected.trim()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "yesterday",
                "Mon, 32 Feb 1994 10:00:00 +0000",
                "Fri, 30 Feb 2001 00:00 +0000",
                "31 Dec 1999 25:00:00 +0000",
                "12:00:00",
                "Feb 1994",
                "(just a comment)"
            })
    void anUnreadableDateIsNull(String header) {
        assertThat(SentDate.parse(header)).isNull();
    }

    @org.junit.jupiter.api.Test
    void theSentDayIsTheOneWrittenNotUtc() {
        // RFC 9051 SENTON disregards time and timezone: late evening west of UTC stays that day.
        assertThat(SentDate.parseDate("Mon, 7 Feb 1994 21:52:25 -0800")).isEqualTo(LocalDate.of(1994, 2, 7));
        assertThat(SentDate.parse("Mon, 7 Feb 1994 21:52:25 -0800").toInstant()).hasToString("1994-02-08T05:52:25Z");
        assertThat(SentDate.parseDate(null)).isNull();
    }
}
