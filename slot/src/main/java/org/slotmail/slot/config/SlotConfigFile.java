package org.slotmail.slot.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.net.login.PlaintextLogins;
import org.slotmail.slot.AdminSettings;
import org.slotmail.slot.ChannelConfig;
import org.slotmail.slot.Ports;
import org.slotmail.slot.ReplicationSettings;
import org.slotmail.slot.Secret;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.SlotSecurity;
import org.slotmail.slot.api.SlotRole;

/**
 * Reads and writes slot configuration files ({@code docs/slot-config.md}). Reading checks
 * everything a slot needs before anything starts: an unknown key, a missing one, a bad port or an
 * unreadable secret file is a {@link SlotConfigException} with one line naming the file and the
 * key. Relative paths in the file are relative to the file's own directory. Secrets are read from
 * their files here and never appear in a message.
 */
public final class SlotConfigFile {
    private static final Logger log = LoggerFactory.getLogger(SlotConfigFile.class);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Path file;
    private final Path base;

    private SlotConfigFile(Path file) {
        this.file = file;
        this.base = file.toAbsolutePath().getParent();
    }

    /** Reads and checks {@code file}. */
    public static SlotConfig read(Path file) {
        return new SlotConfigFile(file).read();
    }

    /** The file as written, unchecked (for tools that rewrite a file). */
    public static SlotFile parse(Path file) {
        return new SlotConfigFile(file).parse();
    }

    /**
     * Writes {@code content} to {@code file} (readable by its owner only, replaced in one step),
     * after {@code header} as comment lines: generated files say so at the top (DESIGN §4).
     */
    public static void write(Path file, SlotFile content, String header) throws IOException {
        var text = new StringBuilder();
        header.lines()
                .forEach(line -> text.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        text.append(YAML.writeValueAsString(content));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            ownerOnly(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes {@code file} readable and writable by its owner only (0600), where the file system has POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to narrow
        }
    }

    private SlotFile parse() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) throw fail("the file is empty");
            SlotFile parsed = YAML.readValue(text, SlotFile.class);
            if (parsed == null) throw fail("the file is empty");
            return parsed;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new SlotConfigException(file + ": no such file");
        } catch (UnrecognizedPropertyException e) {
            String where = path(e.getPath().subList(0, e.getPath().size() - 1));
            var known = e.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw fail("unknown key '" + e.getPropertyName() + "'" + (where.isEmpty() ? "" : " in " + where)
                    + " (known: " + known + ")" + keyLine(e.getPropertyName()));
        } catch (JsonMappingException e) {
            throw fail(path(e.getPath()) + ": " + reason(e) + line(e));
        } catch (JsonParseException e) {
            throw fail("not valid YAML: " + firstLine(e.getOriginalMessage()) + line(e));
        } catch (JsonProcessingException e) {
            throw fail(firstLine(e.getOriginalMessage()) + line(e));
        } catch (IOException e) {
            throw new SlotConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private SlotConfig read() {
        SlotFile f = parse();
        try {
            return check(f);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private SlotConfig check(SlotFile f) {
        String id = required(f.slot(), "slot");
        String store = required(f.store(), "store");
        SlotRole role;
        try {
            role = SlotRole.parse(required(f.role(), "role"));
        } catch (IllegalArgumentException e) {
            throw fail("role: " + e.getMessage());
        }
        Path data = resolve(required(f.data(), "data"));
        var listen = required(f.listen(), "listen");
        String address = required(listen.address(), "listen.address");
        int syncPort = required(listen.sync(), "listen.sync").value();
        int adminPort = required(listen.admin(), "listen.admin").value();
        var clients = f.clients() != null ? f.clients() : new SlotFile.Clients(null, null, null, null, null, null);
        String clientAddress = clients.address() != null ? clients.address() : address;
        var ports = new Ports(
                port(clients.lmtp()),
                port(clients.imap()),
                port(clients.imaps()),
                port(clients.pop3()),
                port(clients.pop3s()));

        var admin = f.admin() != null ? f.admin() : new SlotFile.Admin(null, null);
        Optional<Secret> token = secret(admin.token(), admin.tokenFile(), "admin.token");
        if (adminPort >= 0 && token.isEmpty()) throw fail("the admin API needs admin.token or admin.token-file");

        var replication = f.replication() != null ? f.replication() : new SlotFile.Replication(null, null, List.of());
        var channels = new ArrayList<ChannelConfig>();
        var listed = replication.channels() == null ? List.<SlotFile.Channel>of() : replication.channels();
        for (int i = 0; i < listed.size(); i++) {
            channels.add(channel(listed.get(i), "replication.channels[" + i + "]"));
        }
        Optional<Secret> secret = secret(replication.secret(), replication.secretFile(), "replication.secret");
        if ((syncPort >= 0 || !channels.isEmpty()) && secret.isEmpty())
            throw fail("replication needs replication.secret or replication.secret-file");
        // Anyone who can connect may try to guess it offline from a captured proof (docs/replication.md).
        if (secret.isPresent() && secret.get().reveal().getBytes(StandardCharsets.UTF_8).length < 16)
            throw fail("replication.secret must be at least 16 characters; 32 random bytes in base64 are best");

        var accounts = required(f.accounts(), "accounts");
        Path clusterDatabase = resolve(required(accounts.clusterDatabase(), "accounts.cluster-database"));

        var limits = f.limits() != null ? f.limits() : new SlotFile.Limits(null, null, null);
        long maxMessageSize = limits.maxMessageSize() == null
                ? SlotConfig.DEFAULT_MAX_MESSAGE_SIZE
                : size(limits.maxMessageSize(), "limits.max-message-size");
        SlotSecurity security = SlotSecurity.defaults();
        if (limits.sessionsPerAccount() != null) {
            if (limits.sessionsPerAccount() < 1)
                throw fail("limits.sessions-per-account must be at least 1, not " + limits.sessionsPerAccount());
            security = security.withMaxSessionsPerAccount(limits.sessionsPerAccount());
        }
        if (limits.plaintextLogins() != null) {
            try {
                security = security.withPlaintextLogins(PlaintextLogins.parse(limits.plaintextLogins()));
            } catch (IllegalArgumentException e) {
                throw fail("limits.plaintext-logins must be never, loopback or always, not '" + limits.plaintextLogins()
                        + "'");
            }
        }
        if (f.tls() != null && (f.tls().certificate() != null || f.tls().key() != null)) {
            if (f.tls().certificate() == null || f.tls().key() == null)
                throw fail("tls.certificate and tls.key go together: give both or neither");
            Path certificate = readable(resolve(f.tls().certificate()), "tls.certificate");
            Path key = readable(resolve(f.tls().key()), "tls.key");
            security = security.withCertificate(certificate, key);
        }
        String hostName = f.hostName() != null ? f.hostName() : machineName();
        return new SlotConfig(
                id,
                store,
                role,
                data,
                address,
                clientAddress,
                ports,
                hostName,
                maxMessageSize,
                new ReplicationSettings(syncPort, secret, channels),
                new AdminSettings(adminPort, token),
                security,
                Optional.of(clusterDatabase));
    }

    private ChannelConfig channel(SlotFile.Channel c, String where) {
        if (c == null) throw fail(where + " is empty");
        String replica = required(c.replica(), where + ".replica");
        String host = required(c.host(), where + ".host");
        int port = required(c.port(), where + ".port").value();
        if (port < 1) throw fail(where + ".port must be a port number 1-65535: the replica's sync port");
        try {
            return new ChannelConfig(c.name() != null ? c.name() : replica, replica, host, port);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    /** A secret given inline or in a file, never both; the file's content, stripped. */
    private Optional<Secret> secret(String inline, String fileName, String key) {
        if (inline != null && fileName != null) throw fail("give " + key + " or " + key + "-file, not both");
        if (inline != null) {
            if (inline.isBlank()) throw fail(key + " is empty");
            return Optional.of(new Secret(inline));
        }
        if (fileName == null) return Optional.empty();
        Path secretFile = resolve(fileName);
        String content;
        try {
            content = Files.readString(secretFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fail(key + "-file: no such file " + secretFile);
        } catch (IOException e) {
            throw fail(key + "-file: cannot read " + secretFile + ": " + e.getMessage());
        }
        if (content.isBlank()) throw fail(key + "-file: " + secretFile + " is empty");
        warnIfOthersCanRead(secretFile, key);
        return Optional.of(new Secret(content));
    }

    private static void warnIfOthersCanRead(Path secretFile, String key) {
        try {
            var permissions = Files.getPosixFilePermissions(secretFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.atWarn()
                        .addKeyValue("key", key + "-file")
                        .addKeyValue("file", secretFile)
                        .log("secret file is readable by other users; chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions to check
        }
    }

    private static int port(Port p) {
        return p == null ? -1 : p.value();
    }

    /** Bytes, or a number with K, M or G (binary multiples): {@code 52428800}, {@code 50M}. */
    private long size(String written, String key) {
        var m = java.util.regex.Pattern.compile("([0-9]{1,15})\\s*([kmg]?)i?b?")
                .matcher(written.strip().toLowerCase(Locale.ROOT));
        if (!m.matches())
            throw fail(key + " must be a number of bytes with an optional K, M or G, not '" + written + "'");
        long value = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (value > (Long.MAX_VALUE >> shift)) throw fail(key + " is too large: " + written);
        long bytes = value << shift;
        if (bytes < 1024) throw fail(key + " must be at least 1K, not " + written);
        return bytes;
    }

    private Path resolve(String written) {
        if (written.isBlank()) throw fail("an empty path");
        return base.resolve(written).normalize();
    }

    private Path readable(Path path, String key) {
        if (!Files.isReadable(path)) throw fail(key + ": cannot read " + path);
        return path;
    }

    private <T> T required(T value, String key) {
        if (value == null || value instanceof String s && s.isBlank()) throw fail("missing " + key);
        return value;
    }

    private SlotConfigException fail(String reason) {
        return new SlotConfigException(file + ": " + reason);
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** {@code replication.channels[1].port}, in the file's own (kebab-case) spelling. */
    private static String path(List<JsonMappingException.Reference> references) {
        var out = new StringBuilder();
        for (var r : references) {
            if (r.getFieldName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The innermost reason: a bad port's own message rather than Jackson's wrapping of it. */
    private static String reason(JsonMappingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        if (cause instanceof IllegalArgumentException) return firstLine(cause.getMessage());
        String message = firstLine(e.getOriginalMessage());
        // "Cannot deserialize value of type `java.lang.Integer` from String "x": ..." says more than needed.
        if (message.startsWith("Cannot deserialize value of type `java.lang.Integer`")) return "expected a number";
        if (message.startsWith("Cannot deserialize value of type `java.util.List")) return "expected a list";
        if (message.startsWith("Cannot construct instance of `org.slotmail")
                || message.startsWith("Cannot deserialize value of type `org.slotmail"))
            return "expected a section of keys";
        if (message.startsWith("Cannot deserialize value of type `java.lang.String`")) return "expected a single value";
        return message;
    }

    /**
     * The line of an unknown key: Jackson reports where the enclosing section ended, so the key is
     * looked up in the text instead, and named only when it occurs once.
     */
    private String keyLine(String key) {
        try {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            var pattern =
                    java.util.regex.Pattern.compile("^[\\s-]*\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:.*");
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).matches()) {
                    if (found >= 0) return "";
                    found = i + 1;
                }
            }
            return found < 0 ? "" : " (line " + found + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String line(JsonProcessingException e) {
        var where = e.getLocation();
        return where == null || where.getLineNr() < 1 ? "" : " (line " + where.getLineNr() + ")";
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse("unreadable");
    }
}
