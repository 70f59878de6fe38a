package org.slotmail.mailbox;

import java.util.Optional;

/**
 * Looks accounts up by address. Implemented by the control plane; a slot only reads it. Every
 * call sees the latest state, so an account added while a server runs is found at once.
 */
public interface AccountDirectory {
    /** The account for an address (a bare local part gets the default domain), if it exists. */
    Optional<Account> find(String address);

    /** Checks a password; empty when the account is unknown or the password is wrong. */
    Optional<Account> authenticate(String address, char[] password);

    /**
     * Ids of accounts that were deleted; a slot purges their mail. Ids are never reused, so a
     * new account with the same address never sees the old mail even before the purge.
     */
    default java.util.List<Long> deletedAccountIds() {
        return java.util.List.of();
    }
}
