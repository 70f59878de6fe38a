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
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.net.login.LoginThrottle;
import org.slotmail.net.tls.CertificateFiles;
import org.slotmail.net.tls.TlsIdentity;
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
    private final List<AutoCloseable> listeners = new ArrayList<>();
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

    private void startListeners() throws IOException {
        SSLContext tls = tlsContext();
        var lmtp = LmtpWiring.start(config, store, directory, tls);
        listeners.add(lmtp);
        lmtpAddress = lmtp.address();
        log.atInfo()
                .addKeyValue("slot", config.id())
                .addKeyValue("address", lmtpAddress)
                .log("LMTP listening");
        var imap = ImapWiring.start(config, store, directory, tls, loginGuard);
        listeners.add(imap);
        imapAddress = imap.imapAddress();
        imapsAddress = imap.imapsAddress();
        log.atInfo()
                .addKeyValue("slot", config.id())
                .addKeyValue("imap", imapAddress)
                .addKeyValue("imaps", imapsAddress)
                .log("IMAP listening");
        var pop3 = Pop3Wiring.start(config, store, directory, tls, loginGuard);
        listeners.add(pop3);
        pop3Address = pop3.pop3Address();
        pop3sAddress = pop3.pop3sAddress();
        log.atInfo()
                .addKeyValue("slot", config.id())
                .addKeyValue("pop3", pop3Address)
                .addKeyValue("pop3s", pop3sAddress)
                .log("POP3 listening");
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
        for (AutoCloseable l : listeners.reversed()) {
            try {
                if (l instanceof LmtpWiring w) w.stop(GRACE);
                else if (l instanceof ImapWiring w) w.stop(GRACE);
                else if (l instanceof Pop3Wiring w) w.stop(GRACE);
                else l.close();
            } catch (Exception e) {
                log.atWarn().setCause(e).log("stopping a listener failed");
            }
        }
        store.close();
    }
}
