package org.slotmail.mail.sort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseSubjectTest {
    @ParameterizedTest(name = "\"{0}\" -> \"{1}\" {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hello                         | hello             | false",
                "Re: hello                     | hello             | true",
                "RE: Re: re:hello              | hello             | true",
                "Fwd: hello                    | hello             | true",
                "FW: hello                     | hello             | true",
                "Re : spaced colon             | spaced colon      | true",
                "Re[2]: counted                | counted           | true",
                "Re [2] : counted              | counted           | true",
                "[list] Re: hello              | hello             | true",
                "[a][b] Fwd: Re: x             | x                 | true",
                "Re: [list] hello              | hello             | true",
                "[list] hello                  | hello             | false",
                "[list]                        | [list]            | false",
                "[list] [other]                | [other]           | false",
                "hello (fwd)                   | hello             | true",
                "hello (FWD) (fwd)             | hello             | true",
                "[Fwd: hello]                  | hello             | true",
                "[fwd: Re: hello (fwd)]        | hello             | true",
                "Re: [fwd: [list] hello]       | hello             | true",
                "'  lots   of\tspace  '        | lots of space     | false",
                "Rebuild the house             | Rebuild the house | false",
                "fwd hello                     | fwd hello         | false",
                "Re:                           | ''                | true",
                "''                            | ''                | false",
            })
    void removesReplyAndForwardDecorations(String subject, String base, boolean reply) {
        assertThat(BaseSubject.ofDecoded(subject)).isEqualTo(new BaseSubject(base, reply));
    }

    @Test
    void encodedWordsAreDecodedFirst() {
        assertThat(BaseSubject.of("=?UTF-8?Q?Re:_caf=C3=A9?= =?ISO-8859-1?Q?_cr=E8me?="))
                .isEqualTo(new BaseSubject("café crème", true));
        assertThat(BaseSubject.of(null)).isEqualTo(new BaseSubject("", false));
    }

    @Test
    void keysCompareWithoutCase() {
        assertThat(BaseSubject.ofDecoded("Re: HELLO").key())
                .isEqualTo(BaseSubject.ofDecoded("hello").key());
    }
}
