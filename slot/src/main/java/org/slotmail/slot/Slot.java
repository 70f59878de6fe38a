package org.slotmail.slot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.imap.ImapServer;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.lmtp.LmtpServer;
import org.slotmail.lmtp.LmtpSettings;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.net.login.LoginThrottle;
import org.slotmail.net.tls.CertificateFiles;
import org.slotmail.net.tls.TlsIdentity;
import org.slotmail.pop3.Pop3Server;
import org.slotmail.pop3.session.Pop3Settings;
import org.slotmail.slot.admin.AdminServer;
import org.slotmail.slot.admin.SlotControl;
import org.slotmail.slot.api.DrainResult;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.slot.api.SlotStatus;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;
import org.slotmail.store.record.AccountRow;

/**
 * One running slot: its store, its client listeners, its part in replication and its admin API.
 * Built by plain constructors in one place so the object graph reads top to bottom. Its role can
 * change while it runs: only a master serves clients; a replica's protocol servers refuse logins
 * and deliveries, so its mail changes only through sync. Closing stops the admin API,
 * replication and the listeners (running commands get a grace period), then closes the store.
 */
public final class Slot implements SlotControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Slot.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Sessions logged in while the slot was master get this long to finish when it becomes a replica. */
    private static final Duration ROLE_CHANGE_GRACE = Duration.ofSeconds(2);

    private final SlotConfig config;
    private final SlotStore store;
    private final AccountDirectory directory;
    private final LoginGuard loginGuard;
    private final AtomicReference<SlotRole> role;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("slot-housekeeping").daemon(true).factory());
    private ClientListeners clients;
    private Replication replication;
    private AdminServer admin;

    private Slot(SlotConfig config, AccountDirectory directory) {
        this.config = config;
        this.directory = directory;
        this.role = new AtomicReference<>(config.role());
        this.store = SlotStore.open(StoreSettings.defaults(config.dataDir())
                .withChannels(config.replication().channelNames()));
        var security = config.security();
        this.loginGuard = new LoginGuard(
                new LoginThrottle(security.loginThrottle(), Clock.systemUTC()),
                new AccountSessions(security.maxSessionsPerAccount()));
    }

    /**
     * Opens the store and starts the client listeners, the sync server and (on a master) a sync
     * client per channel, and the admin API, as {@code config} says.
     */
    public static Slot start(SlotConfig config, AccountDirectory directory) {
        return start(
                config, directory, (c, store, role, tls) -> new SyncReplication(c, store.replication(), role, tls));
    }

    /**
     * As above, with replication built by {@code replication}; on failure nothing is left running.
     */
    public static Slot start(SlotConfig config, AccountDirectory directory, Replication.Factory replication) {
        var slot = new Slot(config, directory);
        try {
            SSLContext tls = slot.tlsContext();
            slot.clients = new ClientListeners(config.id(), config.clientAddress(), slot.protocols(tls));
            slot.clients.start();
            slot.replication = replication.create(config, slot.store, slot.role::get, tls);
            slot.replication.start(slot.role.get());
            if (config.admin().port() >= 0) {
                slot.admin = AdminServer.start(
                        new InetSocketAddress(
                                config.bindAddress(), config.admin().port()),
                        config.admin().token().orElseThrow(),
                        slot);
            }
            slot.housekeeping.scheduleWithFixedDelay(slot::purgeDeletedAccounts, 0, 5, TimeUnit.SECONDS);
            log.atInfo()
                    .addKeyValue("slot", config.id())
                    .addKeyValue("store", config.store())
                    .addKeyValue("role", slot.role.get())
                    .log("slot started");
            return slot;
        } catch (RuntimeException | IOException e) {
            slot.close();
            if (e instanceof IOException io)
                throw new UncheckedIOException("slot " + config.id() + " could not listen: " + io.getMessage(), io);
            throw (RuntimeException) e;
        }
    }

    /** Whether this slot serves clients now; the protocol servers ask on every login and recipient. */
    private boolean servesClients() {
        return role.get() == SlotRole.MASTER;
    }

    // STARTTLS on the IMAP port, implicit TLS on the IMAPS port; likewise STLS and POP3S.
    private List<ClientListeners.Kind> protocols(SSLContext tls) {
        var ports = config.ports();
        var lmtp = LmtpSettings.defaults(config.hostName())
                .withMaxMessageSize(config.maxMessageSize())
                .withTls(tls);
        var imap = ImapSettings.defaults(config.hostName(), config.maxMessageSize())
                .withTls(tls)
                .withPlaintextLogins(config.plaintextLogins());
        var pop3 = Pop3Settings.defaults(config.hostName()).withTls(tls).withPlaintextLogins(config.plaintextLogins());
        return List.of(
                new ClientListeners.Kind(
                        "lmtp",
                        ports.lmtp(),
                        bind -> new LmtpServer(store, directory, lmtp, bind, this::servesClients)),
                new ClientListeners.Kind(
                        "imap",
                        ports.imap(),
                        bind -> new ImapServer(store, directory, imap, bind, false, this::servesClients, loginGuard)),
                new ClientListeners.Kind(
                        "imaps",
                        ports.imaps(),
                        bind -> new ImapServer(store, directory, imap, bind, true, this::servesClients, loginGuard)),
                new ClientListeners.Kind(
                        "pop3",
                        ports.pop3(),
                        bind -> new Pop3Server(store, directory, pop3, bind, false, this::servesClients, loginGuard)),
                new ClientListeners.Kind(
                        "pop3s",
                        ports.pop3s(),
                        bind -> new Pop3Server(store, directory, pop3, bind, true, this::servesClients, loginGuard)));
    }

    /**
     * The configured certificate, watched and reloaded when its files change; else a demo certificate
     * under the slot's directory (DESIGN §8, issue 3).
     */
    private SSLContext tlsContext() throws IOException {
        var security = config.security();
        if (security.tlsCertificate().isPresent()) {
            return CertificateFiles.watch(
                            security.tlsCertificate().get(), security.tlsKey().orElseThrow())
                    .serverContext();
        }
        return TlsIdentity.demo(config.dataDir().resolve("tls"), config.hostName())
                .serverContext();
    }

    /**
     * Removes the mail of accounts the control plane deleted. Only a master does: a replica's mail
     * changes only through sync, which carries the master's purge.
     */
    private void purgeDeletedAccounts() {
        if (!servesClients()) return;
        try {
            var deleted = new HashSet<>(directory.deletedAccountIds());
            if (deleted.isEmpty()) return;
            for (AccountRow a : store.accounts()) {
                if (deleted.contains(a.id())) {
                    store.purgeAccount(a.id());
                    log.atInfo().addKeyValue("account", a.address()).log("purged the mail of a deleted account");
                }
            }
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("purging deleted accounts failed; will retry");
        }
    }

    // --- what the admin API may ask (SlotControl) ---

    @Override
    public SlotStatus status() {
        var sync = replication.syncAddress();
        return new SlotStatus(
                config.id(),
                config.store(),
                role.get(),
                clients.up(),
                clients.addresses(),
                sync == null ? null : ClientListeners.hostPort(sync),
                replication.channels());
    }

    @Override
    public void stopListeners(Duration grace) {
        lifecycle.lock();
        try {
            clients.stop(grace);
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void startListeners() throws IOException {
        lifecycle.lock();
        try {
            clients.start();
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public void changeRole(SlotRole newRole) throws IOException {
        lifecycle.lock();
        try {
            SlotRole old = role.getAndSet(newRole);
            if (old == newRole) return;
            log.atInfo()
                    .addKeyValue("slot", config.id())
                    .addKeyValue("from", old)
                    .addKeyValue("to", newRole)
                    .log("role changed");
            // New logins are refused from here on; sessions that logged in while this slot was
            // master would go on changing mail, so they are closed with the listeners and the
            // listeners come back refusing.
            if (newRole == SlotRole.REPLICA && clients.up()) {
                clients.stop(ROLE_CHANGE_GRACE);
                clients.start();
            }
            replication.roleChanged(newRole);
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public DrainResult drain(Duration timeout) throws InterruptedException {
        boolean drained = replication.drain(timeout);
        return new DrainResult(drained, replication.channels());
    }

    // --- what the process around the slot reads ---

    /**
     * Failed-login throttling and the per-account session limit, shared by every protocol of this
     * slot: a POP3 listener takes this one, so guessing over POP3 counts against IMAP too.
     */
    public LoginGuard loginGuard() {
        return loginGuard;
    }

    public SlotConfig config() {
        return config;
    }

    public SlotStore store() {
        return store;
    }

    public SlotRole role() {
        return role.get();
    }

    /** The IMAP listener's address, or null when it is off or stopped. */
    public InetSocketAddress imapAddress() {
        return clients.address("imap");
    }

    /** The IMAPS (implicit TLS) listener's address, or null when it is off or stopped. */
    public InetSocketAddress imapsAddress() {
        return clients.address("imaps");
    }

    /** The POP3 (STLS) listener's address, or null when it is off or stopped. */
    public InetSocketAddress pop3Address() {
        return clients.address("pop3");
    }

    /** The POP3S (implicit TLS) listener's address, or null when it is off or stopped. */
    public InetSocketAddress pop3sAddress() {
        return clients.address("pop3s");
    }

    /** The LMTP listener's address, or null when it is off or stopped. */
    public InetSocketAddress lmtpAddress() {
        return clients.address("lmtp");
    }

    /** The sync server's address, or null when it is off. */
    public InetSocketAddress syncAddress() {
        return replication == null ? null : replication.syncAddress();
    }

    /** The admin API's address, or null when it is off. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    @Override
    public void close() {
        lifecycle.lock();
        try {
            housekeeping.shutdownNow();
            if (admin != null) admin.close();
            // Clients first, so nothing is written while replication ships its last batch.
            if (clients != null) clients.stop(GRACE);
            if (replication != null) replication.close();
            store.close();
        } finally {
            lifecycle.unlock();
        }
    }
}
