package org.slotmail.lmtp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slotmail.lmtp.syntax.Address;
import org.slotmail.mailbox.Recipient;

/** A mail transaction from MAIL to the end of DATA: the sender and the recipients accepted so far, in order. */
final class Transaction {
    /** A recipient that got 250 at RCPT: as the client wrote it, and where it delivers. */
    record Accepted(Address address, Recipient recipient) {}

    private final Optional<Address> sender;
    private final long declaredSize;
    private final List<Accepted> recipients = new ArrayList<>();

    Transaction(Optional<Address> sender, long declaredSize) {
        this.sender = sender;
        this.declaredSize = declaredSize;
    }

    Optional<Address> sender() {
        return sender;
    }

    /** The SIZE the client announced at MAIL (RFC 1870), 0 when it did not. */
    long declaredSize() {
        return declaredSize;
    }

    List<Accepted> recipients() {
        return recipients;
    }

    void accept(Address address, Recipient recipient) {
        recipients.add(new Accepted(address, recipient));
    }
}
