package org.slotmail.bench.replication;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code host:port} as {@code up} prints it, e.g. {@code 127.0.1.2:30872}. */
public final class AddressConverter implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) throw new TypeConversionException("not host:port: '" + value + "'");
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not a port in '" + value + "'");
        }
    }
}
