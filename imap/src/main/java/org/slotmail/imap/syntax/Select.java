package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.Optional;

/**
 * SELECT or EXAMINE mailbox, with the CONDSTORE and QRESYNC parameters of RFC 7162 §3.1.8 and
 * §3.2.5.
 */
public record Select(String mailbox, boolean readOnly, boolean condstore, Optional<Qresync> qresync)
        implements Command {
    /** QRESYNC (uidvalidity modseq [known-uids] [(seq-match-data)]). */
    public record Qresync(
            long uidValidity,
            long modSeq,
            Optional<SequenceSet> knownUids,
            Optional<SequenceSet> knownSequences,
            Optional<SequenceSet> knownSequenceUids) {}

    static Select parse(ImapInput in, boolean readOnly) throws SyntaxException, IOException {
        in.sp();
        String mailbox = in.astring();
        boolean condstore = false;
        Optional<Qresync> qresync = Optional.empty();
        if (in.accept(' ')) {
            in.open();
            do {
                if (in.acceptWord("CONDSTORE")) condstore = true;
                else if (in.acceptWord("QRESYNC")) {
                    in.sp();
                    qresync = Optional.of(qresync(in));
                } else throw in.error("unknown SELECT parameter");
            } while (in.accept(' '));
            in.close();
        }
        return new Select(mailbox, readOnly, condstore, qresync);
    }

    private static Qresync qresync(ImapInput in) throws SyntaxException {
        in.open();
        long uidValidity = in.nzNumber();
        in.sp();
        long modSeq = in.nzNumber();
        Optional<SequenceSet> known = Optional.empty();
        Optional<SequenceSet> seqs = Optional.empty();
        Optional<SequenceSet> uids = Optional.empty();
        if (in.accept(' ')) {
            if (in.peek() != '(') {
                known = Optional.of(SequenceSet.parse(in));
                in.accept(' ');
            }
            if (in.peek() == '(') {
                in.open();
                seqs = Optional.of(SequenceSet.parse(in));
                in.sp();
                uids = Optional.of(SequenceSet.parse(in));
                in.close();
            }
        }
        in.close();
        return new Qresync(uidValidity, modSeq, known, seqs, uids);
    }
}
