package org.slotmail.slot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.imap.ImapServer;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.lmtp.LmtpServer;
import org.slotmail.lmtp.LmtpSettings;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.net.ProtocolServer;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.net.login.LoginThrottle;
import org.slotmail.net.tls.CertificateFiles;
import org.slotmail.net.tls.TlsIdentity;
import org.slotmail.pop3.Pop3Server;
import org.slotmail.pop3.session.Pop3Settings;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;
import org.slotmail.store.record.AccountRow;

/**
 * One running slot: its store and its protocol listeners. Built by plain constructors in one
 * place so the object graph reads top to bottom. Closing stops the listeners (running commands
 * get a grace period), then closes the store.
 */
public final class Slot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Slot.class);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final SlotConfig config;
    private final SlotStore store;
    private final AccountDirectory directory;
    private final LoginGuard loginGuard;
    private final List<ProtocolServer> listeners = new ArrayList<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("slot-housekeeping").daemon(true).factory());
    private InetSocketAddress lmtpAddress;
    private InetSocketAddress imapAddress;
    private InetSocketAddress imapsAddress;
    private InetSocketAddress pop3Address;
    private InetSocketAddress pop3sAddress;

    private Slot(SlotConfig config, AccountDirectory directory) {
        this.config = config;
        this.directory = directory;
        this.store = SlotStore.open(StoreSettings.defaults(config.dataDir()).withChannels(config.channels()));
        var security = config.security();
        this.loginGuard = new LoginGuard(
                new LoginThrottle(security.loginThrottle(), Clock.systemUTC()),
                new AccountSessions(security.maxSessionsPerAccount()));
    }

    /** Opens the store and starts every listener; on failure nothing is left running. */
    public static Slot start(SlotConfig config, AccountDirectory directory) {
        var slot = new Slot(config, directory);
        try {
            slot.startListeners();
            slot.housekeeping.scheduleWithFixedDelay(slot::purgeDeletedAccounts, 0, 5, TimeUnit.SECONDS);
            return slot;
        } catch (RuntimeException | IOException e) {
            slot.close();
            if (e instanceof IOException io)
                throw new UncheckedIOException("slot " + config.id() + " could not listen: " + io.getMessage(), io);
            throw (RuntimeException) e;
        }
    }

    // Until replication exists every slot is a master and serves clients.
    private void startListeners() throws IOException {
        SSLContext tls = tlsContext();
        var lmtp = LmtpSettings.defaults(config.hostName())
                .withMaxMessageSize(config.maxMessageSize())
                .withTls(tls);
        lmtpAddress = listen(config.ports().lmtp(), bind -> new LmtpServer(store, directory, lmtp, bind));
        log.atInfo()
                .addKeyValue("slot", config.id())
                .addKeyValue("address", lmtpAddress)
                .log("LMTP listening");
        // STARTTLS on the IMAP port, implicit TLS on the IMAPS port; likewise STLS and POP3S.
        var imap = ImapSettings.defaults(config.hostName(), config.maxMessageSize())
                .withTls(tls)
                .withPlaintextLogins(config.plaintextLogins());
        imapAddress = listen(
                config.ports().imap(),
                bind -> new ImapServer(store, directory, imap, bind, false, () -> true, loginGuard));
        imapsAddress = listen(
                config.ports().imaps(),
                bind -> new ImapServer(store, directory, imap, bind, true, () -> true, loginGuard));
        log.atInfo()
                .addKeyValue("slot", config.id())
                .addKeyValue("imap", imapAddress)
                .addKeyValue("imaps", imapsAddress)
                .log("IMAP listening");
        var pop3 = Pop3Settings.defaults(config.hostName()).withTls(tls).withPlaintextLogins(config.plaintextLogins());
        pop3Address = listen(
                config.ports().pop3(),
                bind -> new Pop3Server(store, directory, pop3, bind, false, () -> true, loginGuard));
        pop3sAddress = listen(
                config.ports().pop3s(),
                bind -> new Pop3Server(store, directory, pop3, bind, true, () -> true, loginGuard));
        log.atInfo()
                .addKeyValue("slot", config.id())
                .addKeyValue("pop3", pop3Address)
                .addKeyValue("pop3s", pop3sAddress)
                .log("POP3 listening");
    }

    /**
     * Starts the server {@code make} builds on {@code port} of the slot's address and returns where
     * it listens; a port of -1 leaves that listener off (null).
     */
    private InetSocketAddress listen(int port, Function<InetSocketAddress, ProtocolServer> make) throws IOException {
        if (port < 0) return null;
        ProtocolServer server = make.apply(new InetSocketAddress(config.bindAddress(), port));
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        listeners.add(server);
        return server.localAddress();
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

    /** Removes the mail of accounts the control plane deleted. */
    private void purgeDeletedAccounts() {
        try {
            var deleted = new java.util.HashSet<>(directory.deletedAccountIds());
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

    /** The IMAP listener's address, or null when it is off. */
    public InetSocketAddress imapAddress() {
        return imapAddress;
    }

    /** The IMAPS (implicit TLS) listener's address, or null when it is off. */
    public InetSocketAddress imapsAddress() {
        return imapsAddress;
    }

    /** The POP3 (STLS) listener's address, or null when it is off. */
    public InetSocketAddress pop3Address() {
        return pop3Address;
    }

    /** The POP3S (implicit TLS) listener's address, or null when it is off. */
    public InetSocketAddress pop3sAddress() {
        return pop3sAddress;
    }

    public InetSocketAddress lmtpAddress() {
        return lmtpAddress;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        for (ProtocolServer l : listeners.reversed()) {
            try {
                l.stop(GRACE);
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("stopping a listener failed");
            }
        }
        store.close();
    }
}
