package org.slotmail.sync.client;

import java.io.IOException;
import java.io.InputStream;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.store.replica.ReplicaStore;

/** Where blobs sent to a replica come from: their size, then their bytes. */
public interface BlobSource {
    long size(Guid guid) throws IOException;

    InputStream open(Guid guid) throws IOException;

    /** The bytes a store holds (checked against the GUID as they are read). */
    static BlobSource of(ReplicaStore store) {
        return new BlobSource() {
            @Override
            public long size(Guid guid) throws IOException {
                try {
                    return store.blobSize(guid);
                } catch (MailboxException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public InputStream open(Guid guid) throws IOException {
                try {
                    return store.blob(guid);
                } catch (MailboxException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }
}
