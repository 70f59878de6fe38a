/**
 * How rows are laid out in the metadata database: key encodings ({@link Keys}), the row records,
 * and the CRC32C every stored value carries ({@link Frame}).
 */
package org.slotmail.store.record;
