package org.slotmail.mail.sort;

import java.time.Instant;
import java.util.Objects;

/**
 * What threading needs of one message (RFC 5256 §3).
 *
 * @param id the number IMAP reports it by (a sequence number or UID); input order is the tie-breaker
 * @param messageId the Message-ID header value as written, or null
 * @param inReplyTo the In-Reply-To header value, or null
 * @param references the References header value, or null
 * @param subject the base subject
 * @param sentDate the sent date (RFC 5256 §2.2: the Date header, or the internal date when
 *     that cannot be read)
 */
public record ThreadInput(
        long id, String messageId, String inReplyTo, String references, BaseSubject subject, Instant sentDate) {
    public ThreadInput {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sentDate, "sentDate");
    }
}
