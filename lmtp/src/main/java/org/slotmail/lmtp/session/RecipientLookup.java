package org.slotmail.lmtp.session;

import java.util.Locale;
import java.util.Optional;
import org.slotmail.lmtp.syntax.Address;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.Recipient;

/**
 * Finds the account and folder an address delivers to. {@code user+folder@domain} is user's mail
 * into {@code folder} (RFC 5233 subaddressing, '+' as separator); the store puts it in INBOX when
 * that folder does not exist. Addresses compare case-insensitively, as every mail system in
 * practice treats them, though RFC 5321 §2.4 leaves the local part's case to the receiver.
 */
final class RecipientLookup {
    private final AccountDirectory accounts;

    RecipientLookup(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** The recipient for this address, or empty when no account has it. Directory failures propagate. */
    Optional<Recipient> find(Address address) {
        String domain = address.domain().toLowerCase(Locale.ROOT);
        String local = address.localPart().toLowerCase(Locale.ROOT);
        // An account whose own address holds a '+' wins over subaddressing.
        var exact = accounts.find(join(local, domain));
        if (exact.isPresent()) return Optional.of(new Recipient(exact.get(), Optional.empty()));
        int plus = local.indexOf('+');
        if (plus <= 0) return Optional.empty();
        // The folder keeps the case the sender wrote: mailbox names are case-sensitive (RFC 9051 §5.1).
        Optional<MailboxName> folder = folder(address.localPart().substring(plus + 1));
        return accounts.find(join(local.substring(0, plus), domain)).map(a -> new Recipient(a, folder));
    }

    private static String join(String local, String domain) {
        return domain.isEmpty() ? local : local + "@" + domain;
    }

    /** A detail that cannot be a mailbox name delivers to INBOX rather than bouncing the mail. */
    private static Optional<MailboxName> folder(String detail) {
        if (detail.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new MailboxName(detail));
        } catch (MailboxException e) {
            return Optional.empty();
        }
    }
}
