/**
 * A slot's configuration file ({@code docs/slot-config.md}): its YAML shape as records ({@link
 * org.slotmail.slot.config.SlotFile}) and the reader that checks it and turns it into a {@link
 * org.slotmail.slot.SlotConfig}, failing with one line that names the file and the key.
 */
package org.slotmail.slot.config;
