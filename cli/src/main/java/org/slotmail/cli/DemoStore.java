package org.slotmail.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slotmail.slot.Ports;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.slot.config.Port;
import org.slotmail.slot.config.SlotConfigFile;
import org.slotmail.slot.config.SlotFile;

/**
 * The demo's one store of three slots, each on its own "machine" (127.0.1.1, .2, .3, where the
 * loopback network takes them; else all on 127.0.0.1): which slot listens where, and each slot's
 * configuration file under {@code DIR/slots/<slot-id>/slot.yaml}.
 *
 * <p>Ports, with N the port base: s1, the master, serves clients on the standard ports N+24, N+143,
 * N+993, N+110, N+995 at the {@code up --bind} address; the replicas s2 and s3 listen for clients
 * 100 and 200 above those on their own address (so they never collide, even on one address). Sync
 * servers are on N+871, N+872, N+873 and admin APIs on N+881, N+882, N+883, each at its slot's address.
 */
final class DemoStore {
    static final String STORE = "st1";
    static final int SLOTS = 3;
    /** The highest port offset used: s3's POP3S. */
    static final int HIGHEST_OFFSET = 995 + 200;

    /** One slot of the store and where it listens. */
    record Member(String id, SlotRole role, String address, String clientAddress, Ports ports, int sync, int admin) {}

    /** The limits and TLS files {@code up}'s options set, the same for every slot. */
    record Options(long maxMessageSize, int sessionsPerAccount, String plaintextLogins, Path certificate, Path key) {}

    private DemoStore() {}

    static List<Member> plan(int portBase, String bind, boolean ownAddresses) {
        var members = new ArrayList<Member>();
        for (int i = 1; i <= SLOTS; i++) {
            String address = ownAddresses ? "127.0.1." + i : "127.0.0.1";
            boolean master = i == 1;
            members.add(new Member(
                    "s" + i,
                    master ? SlotRole.MASTER : SlotRole.REPLICA,
                    address,
                    master ? bind : address,
                    Ports.fromBase(portBase + 100 * (i - 1)),
                    portBase + 870 + i,
                    portBase + 880 + i));
        }
        return members;
    }

    /**
     * Whether 127.0.1.1-3 can be bound here (Linux routes all of 127/8 to loopback; other systems
     * may have only 127.0.0.1).
     */
    static boolean ownAddressesAvailable() {
        for (int i = 1; i <= SLOTS; i++) {
            try (var probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.1." + i), 0));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The secret in {@code file}, made (32 random bytes, base64) when missing, readable by its owner
     * only from the moment it exists.
     */
    static Path secretFile(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            SlotConfigFile.ownerOnly(file);
        } catch (UnsupportedOperationException e) {
            if (!Files.exists(file)) Files.writeString(file, secret, StandardCharsets.US_ASCII);
        }
        return file;
    }

    /** Writes {@code member}'s configuration file under {@code data} and returns its path. */
    static Path writeConfig(Path data, Member member, List<Member> all, Options options) throws IOException {
        Path dir = data.resolve("slots").resolve(member.id());
        Files.createDirectories(dir);
        var channels = all.stream()
                .filter(other -> !other.id().equals(member.id()))
                .map(other -> new SlotFile.Channel(other.id(), other.id(), other.address(), Port.of(other.sync())))
                .toList();
        var ports = member.ports();
        var tls = options.certificate() == null
                ? null
                : new SlotFile.Tls(
                        options.certificate().toAbsolutePath().toString(),
                        options.key().toAbsolutePath().toString());
        var file = new SlotFile(
                member.id(),
                STORE,
                member.role().wireName(),
                ".",
                null,
                new SlotFile.Listen(member.address(), Port.of(member.sync()), Port.of(member.admin())),
                new SlotFile.Clients(
                        member.clientAddress(),
                        Port.of(ports.lmtp()),
                        Port.of(ports.imap()),
                        Port.of(ports.imaps()),
                        Port.of(ports.pop3()),
                        Port.of(ports.pop3s())),
                new SlotFile.Admin(null, "../../admin-token"),
                new SlotFile.Replication(null, "../../replication-secret", channels),
                tls,
                new SlotFile.Accounts("../../cluster.db"),
                new SlotFile.Limits(
                        Long.toString(options.maxMessageSize()),
                        options.sessionsPerAccount(),
                        options.plaintextLogins()));
        Path config = dir.resolve("slot.yaml");
        SlotConfigFile.write(
                config,
                file,
                "Generated by slotmail up; rewritten at every start, so edits here are lost.\n"
                        + "The keys are described in docs/slot-config.md.");
        return config;
    }

    static Optional<Member> master(List<Member> members) {
        return members.stream().filter(m -> m.role() == SlotRole.MASTER).findFirst();
    }
}
