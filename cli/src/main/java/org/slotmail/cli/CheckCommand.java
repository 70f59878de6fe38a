package org.slotmail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slotmail.store.check.CheckReport;
import org.slotmail.store.check.Damage;
import org.slotmail.store.check.StoreCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slotmail check}: verifies every record CRC and blob hash of every slot under a data directory. */
@Command(
        name = "check",
        description = "Verify every record checksum and message hash; exit 1 if anything is damaged.",
        mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(
            names = {"-q", "--quiet"},
            description = "print only damage")
    boolean quiet;

    @Override
    public Integer call() {
        int damaged = 0;
        for (Path slot : SlotDirs.resolve(data.dir)) {
            CheckReport report = StoreCheck.run(slot, step -> {
                if (!quiet) System.err.println("  " + slot.getFileName() + ": " + step);
            });
            for (Damage d : report.damages()) System.out.println("DAMAGED " + slot.getFileName() + ": " + d);
            damaged += report.damages().size();
            if (!quiet) {
                System.out.printf(
                        "%s: %d accounts, %d mailboxes, %d messages, %d blobs checked, %s%n",
                        slot.getFileName(),
                        report.accounts(),
                        report.mailboxes(),
                        report.messages(),
                        report.blobs(),
                        report.clean() ? "clean" : report.damages().size() + " damaged");
            }
        }
        return damaged == 0 ? 0 : 1;
    }
}
