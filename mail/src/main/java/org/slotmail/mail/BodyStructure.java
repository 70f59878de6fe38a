package org.slotmail.mail;

import java.util.List;
import java.util.Map;

/** The MIME structure of a message as IMAP BODYSTRUCTURE reports it (RFC 9051 §7.5.2). */
public sealed interface BodyStructure {
    /** A Content-Disposition: its value and parameters. */
    record Disposition(String type, Map<String, String> params) {}

    /** A leaf part. {@code lines} is -1 unless the part is text/* or message/rfc822. */
    record Single(
            String type,
            String subtype,
            Map<String, String> params,
            String id,
            String description,
            String encoding,
            long size,
            long lines,
            String md5,
            Disposition disposition,
            List<String> language,
            String location,
            Envelope envelope,
            BodyStructure message)
            implements BodyStructure {}

    /** A multipart with its parts in order. */
    record Multipart(
            List<BodyStructure> parts,
            String subtype,
            Map<String, String> params,
            Disposition disposition,
            List<String> language,
            String location)
            implements BodyStructure {}
}
