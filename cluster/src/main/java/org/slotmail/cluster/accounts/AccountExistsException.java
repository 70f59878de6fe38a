package org.slotmail.cluster.accounts;

/** An account with that address already exists. */
public final class AccountExistsException extends AccountException {
    public AccountExistsException(String address) {
        super("account " + address + " already exists");
    }
}
