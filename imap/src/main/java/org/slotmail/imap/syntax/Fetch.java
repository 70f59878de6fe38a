package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * [UID] FETCH set items [(CHANGEDSINCE n [VANISHED])] (RFC 9051 §6.4.5, RFC 7162 §3.1.4, §3.2.6).
 * The macros ALL, FAST and FULL are expanded here.
 */
public record Fetch(boolean uid, SequenceSet set, List<FetchItem> items, OptionalLong changedSince, boolean vanished)
        implements Command {
    static Fetch parse(ImapInput in, boolean uid) throws SyntaxException, IOException {
        in.sp();
        SequenceSet set = SequenceSet.parse(in);
        in.sp();
        var items = new ArrayList<FetchItem>();
        if (in.peek() == '(') {
            in.open();
            do items.addAll(item(in));
            while (in.accept(' '));
            in.close();
        } else items.addAll(item(in));
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        if (in.accept(' ')) {
            in.open();
            do {
                if (in.acceptWord("CHANGEDSINCE")) {
                    in.sp();
                    changedSince = OptionalLong.of(in.number());
                } else if (in.acceptWord("VANISHED")) {
                    vanished = true;
                } else throw in.error("unknown FETCH modifier");
            } while (in.accept(' '));
            in.close();
        }
        if (vanished && (!uid || changedSince.isEmpty())) {
            throw in.error("VANISHED needs UID FETCH with CHANGEDSINCE");
        }
        return new Fetch(uid, set, List.copyOf(items), changedSince, vanished);
    }

    private static List<FetchItem> item(ImapInput in) throws SyntaxException, IOException {
        String name = in.word().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" ->
                List.of(
                        new FetchItem.Flags(),
                        new FetchItem.InternalDate(),
                        new FetchItem.Rfc822Size(),
                        new FetchItem.Envelope());
            case "FAST" -> List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Rfc822Size());
            case "FULL" ->
                List.of(
                        new FetchItem.Flags(),
                        new FetchItem.InternalDate(),
                        new FetchItem.Rfc822Size(),
                        new FetchItem.Envelope(),
                        new FetchItem.Structure(false));
            case "UID" -> List.of(new FetchItem.Uid());
            case "FLAGS" -> List.of(new FetchItem.Flags());
            case "INTERNALDATE" -> List.of(new FetchItem.InternalDate());
            case "RFC822.SIZE" -> List.of(new FetchItem.Rfc822Size());
            case "ENVELOPE" -> List.of(new FetchItem.Envelope());
            case "BODYSTRUCTURE" -> List.of(new FetchItem.Structure(true));
            case "MODSEQ" -> List.of(new FetchItem.ModSeq());
            case "EMAILID" -> List.of(new FetchItem.EmailId());
            case "THREADID" -> List.of(new FetchItem.ThreadId());
            case "SAVEDATE" -> List.of(new FetchItem.SaveDate());
            case "RFC822" -> List.of(new FetchItem.Body(Section.WHOLE, Optional.empty(), false, "RFC822"));
            case "RFC822.HEADER" ->
                List.of(new FetchItem.Body(
                        new Section(List.of(), Section.Kind.HEADER, List.of()),
                        Optional.empty(),
                        true,
                        "RFC822.HEADER"));
            case "RFC822.TEXT" ->
                List.of(new FetchItem.Body(
                        new Section(List.of(), Section.Kind.TEXT, List.of()), Optional.empty(), false, "RFC822.TEXT"));
            case "BODY", "BODY.PEEK", "BINARY", "BINARY.PEEK", "BINARY.SIZE" -> {
                if (name.equals("BODY") && in.peek() != '[') yield List.of(new FetchItem.Structure(false));
                in.expect('[');
                boolean binary = name.startsWith("BINARY");
                Section section = Section.parse(in, binary);
                if (name.equals("BINARY.SIZE")) yield List.of(new FetchItem.BinarySize(section));
                Optional<FetchItem.Partial> partial = Optional.empty();
                if (in.accept('<')) {
                    long offset = in.number();
                    in.expect('.');
                    long length = in.nzNumber();
                    in.expect('>');
                    partial = Optional.of(new FetchItem.Partial(offset, length));
                }
                boolean peek = name.endsWith(".PEEK");
                yield List.of(
                        binary
                                ? new FetchItem.Binary(section, partial, peek)
                                : new FetchItem.Body(section, partial, peek, null));
            }
            default -> throw in.error("unknown FETCH item " + name);
        };
    }
}
