/**
 * Where a server's TLS identity comes from: a configured PEM certificate chain and private key, or a
 * self-signed demo certificate created on first start. The only package that uses BouncyCastle;
 * the TLS itself is the JDK's.
 */
package org.slotmail.net.tls;
