package org.slotmail.cluster.accounts;

/** An account operation was refused; the message is one line, fit to show an operator. */
public class AccountException extends RuntimeException {
    public AccountException(String message) {
        super(message);
    }
}
