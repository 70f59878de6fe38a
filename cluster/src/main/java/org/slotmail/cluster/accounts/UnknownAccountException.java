package org.slotmail.cluster.accounts;

/** No account has that address. */
public final class UnknownAccountException extends AccountException {
    public UnknownAccountException(String address) {
        super("no account " + address);
    }
}
