package org.slotmail.mail.search;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Date header (RFC 5322 §3.3) for SENTBEFORE/SENTON/SENTSINCE (RFC 9051 §6.4.4, which
 * compare the date as written, disregarding time and zone: {@code toLocalDate()}) and for SORT
 * DATE and THREAD (RFC 5256, which compare instants: {@code toInstant()}).
 *
 * <p>Lenient, because real Date headers are: the obsolete forms of RFC 5322 §4.3 (two- and
 * three-digit years, named zones, military zones and unknown names read as -0000), comments,
 * missing day names, seconds, or zone, asctime order ({@code Fri Nov 21 09:55:06 1997}), dashes
 * ({@code 21-Nov-1997}) and ISO 8601. mime4j's date parser follows the grammar strictly and
 * rejects most of these, so this small tokenizer is used instead.
 */
public final class SentDate {
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** RFC 5322 §4.3 obs-zone, in hours. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("ut", 0),
            Map.entry("utc", 0),
            Map.entry("gmt", 0),
            Map.entry("z", 0),
            Map.entry("est", -5),
            Map.entry("edt", -4),
            Map.entry("cst", -6),
            Map.entry("cdt", -5),
            Map.entry("mst", -7),
            Map.entry("mdt", -6),
            Map.entry("pst", -8),
            Map.entry("pdt", -7));

    private SentDate() {}

    /** The date and time a Date header value names, with its zone offset; null when it names none. */
    public static OffsetDateTime parse(String value) {
        if (value == null) return null;
        // RFC 5322 §3.3 allows white space (and comments) around the colons of the time.
        String text = withoutComments(value).replaceAll("\\s*:\\s*", ":").trim();
        if (text.isEmpty()) return null;
        OffsetDateTime iso = iso(text);
        if (iso != null) return iso;
        return new Fields().read(text);
    }

    /** The date as written, for SENTON and friends; null when there is none. */
    public static LocalDate parseDate(String value) {
        OffsetDateTime parsed = parse(value);
        return parsed == null ? null : parsed.toLocalDate();
    }

    private static String withoutComments(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && depth > 0) {
                i++;
            } else if (c == '(') {
                depth++;
                sb.append(' ');
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static OffsetDateTime iso(String text) {
        if (text.length() < 10 || !Character.isDigit(text.charAt(0)) || text.charAt(4) != '-') return null;
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a date-time
        }
        try {
            return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The pieces of one date as they are found, in any order. */
    private static final class Fields {
        int day = -1;
        int month = -1;
        int year = -1;
        int hour;
        int minute;
        int second;
        int offsetSeconds;
        boolean timeSeen;
        boolean zoneSeen;

        OffsetDateTime read(String text) {
            for (String token : tokens(text)) {
                if (!take(token)) return null;
            }
            if (day < 0 || month < 0 || year < 0) return null;
            try {
                LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
                return local.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
            } catch (DateTimeException e) {
                return null;
            }
        }

        private static List<String> tokens(String text) {
            List<String> tokens = new ArrayList<>();
            for (String t : text.replace(',', ' ').trim().split("\\s+")) {
                // 21-Nov-1997: dashes between a day, a month name and a year.
                if (t.indexOf('-') > 0 && t.chars().anyMatch(Character::isLetter)) {
                    for (String piece : t.split("-")) {
                        if (!piece.isEmpty()) tokens.add(piece);
                    }
                } else if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
            return tokens;
        }

        /** Takes one token; false when it cannot be part of a date. */
        private boolean take(String token) {
            char first = token.charAt(0);
            if (token.indexOf(':') > 0 && Character.isDigit(first) && !timeSeen) return time(token);
            if ((first == '+' || first == '-') && token.length() > 1)
                return numericZone(token.substring(1), first == '-');
            if (Character.isDigit(first)) return number(token);
            if (Character.isLetter(first))
                return word(token.toLowerCase(Locale.ROOT).replace(".", ""));
            return true; // stray punctuation
        }

        private boolean time(String token) {
            String[] parts = token.split(":");
            if (parts.length < 2 || parts.length > 3) return false;
            try {
                hour = Integer.parseInt(parts[0]);
                minute = Integer.parseInt(parts[1]);
                second = parts.length == 3 ? Integer.parseInt(parts[2].replaceFirst("[.,].*", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            timeSeen = true;
            return hour <= 23 && minute <= 59 && second <= 60;
        }

        private boolean numericZone(String digits, boolean negative) {
            String d = digits.replace(":", "");
            if (!d.chars().allMatch(Character::isDigit) || (d.length() != 4 && d.length() != 2)) return false;
            int hours = Integer.parseInt(d.substring(0, 2));
            int minutes = d.length() == 4 ? Integer.parseInt(d.substring(2)) : 0;
            if (hours > 18 || minutes > 59) return false;
            offsetSeconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
            zoneSeen = true;
            return true;
        }

        private boolean number(String token) {
            if (!token.chars().allMatch(Character::isDigit) || token.length() > 4) return false;
            int n = Integer.parseInt(token);
            if (token.length() >= 3 && year < 0) {
                year = token.length() == 3 ? n + 1900 : n;
            } else if (token.length() <= 2 && day < 0 && n >= 1 && n <= 31) {
                day = n;
            } else if (token.length() <= 2 && year < 0) {
                // RFC 5322 §4.3: 00-49 are 2000-2049, 50-99 are 1950-1999.
                year = n < 50 ? 2000 + n : 1900 + n;
            } else {
                return false;
            }
            return true;
        }

        private boolean word(String word) {
            if (word.length() >= 3 && MONTHS.contains(word.substring(0, 3)) && month < 0 && !timeSeen) {
                month = MONTHS.indexOf(word.substring(0, 3)) + 1;
                return true;
            }
            if (word.length() >= 3 && DAYS.contains(word.substring(0, 3)) && !timeSeen) return true;
            Integer zone = ZONES.get(word);
            if (zone != null) {
                // A name after a numeric offset ("-0800 PST") only repeats it.
                if (!zoneSeen) offsetSeconds = zone * 3600;
                zoneSeen = true;
                return true;
            }
            // Military and unknown zone names (CEST, BST, …): RFC 5322 §4.3 says to read them as
            // -0000 when nothing better is known, which a numeric offset is.
            return timeSeen && word.chars().allMatch(Character::isLetter);
        }
    }
}
