/** Message parsing: headers, MIME tree, IMAP envelope and body structure. Pure functions over bytes. */
package org.slotmail.mail;
