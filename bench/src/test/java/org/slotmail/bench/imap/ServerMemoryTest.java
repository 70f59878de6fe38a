package org.slotmail.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMemoryTest {
    @Test
    void heapInUseIsReadFromJcmdOutput() {
        String g1 = """
                12345:
                 garbage-first heap   total reserved 6160384K, committed 270336K, used 69211K [0x0000000000, 0x0000000001)
                  region size 4096K, 8 young (32768K), 0 survivors (0K)
                 Metaspace       used 61234K, committed 62016K, reserved 1114112K
                """;
        assertThat(ServerMemory.heapUsedKb(g1)).isEqualTo(69211);
        assertThat(ServerMemory.heapCommittedKb(g1)).isEqualTo(270336);
        String older = " garbage-first heap   total 262144K, used 1024K [0x0]\n";
        assertThat(ServerMemory.heapUsedKb(older)).isEqualTo(1024);
        assertThat(ServerMemory.heapCommittedKb(older)).isEqualTo(-1);
    }

    @Test
    void procFieldsAreReadInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t  4321 kB\nThreads:\t12\n";
        assertThat(ServerMemory.field(status, "VmRSS:")).isEqualTo(4321);
        assertThat(ServerMemory.field(status, "VmSwap:")).isZero();
        assertThat(ServerMemory.field("Rss:  100 kB\nPss:  60 kB\n", "Pss:")).isEqualTo(60);
    }

    @Test
    void aJvmReadsItsOwnTreeAndHeap() throws Exception {
        ServerMemory.Sample s = ServerMemory.sample(ProcessHandle.current().pid(), true);
        assertThat(s.processes()).isPositive();
        assertThat(s.rssKb()).isPositive();
        assertThat(s.pssKb()).isPositive().isLessThanOrEqualTo(s.rssKb());
        assertThat(s.heapUsedKb()).isPositive();
    }
}
