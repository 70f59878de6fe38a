package org.slotmail.cluster.accounts;

/** An address that cannot name an account. */
public final class InvalidAddressException extends AccountException {
    public InvalidAddressException(String message) {
        super(message);
    }
}
