/**
 * Message parsing: headers, MIME tree, IMAP envelope and body structure. Pure functions over bytes.
 * Sub-packages serve the IMAP server: {@code section} (FETCH BODY[…] and BINARY[…]), {@code search}
 * (SEARCH text keys and dates) and {@code sort} (SORT keys and THREAD).
 */
package org.slotmail.mail;
