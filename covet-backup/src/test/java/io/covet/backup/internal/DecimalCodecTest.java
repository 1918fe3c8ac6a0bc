package io.covet.backup.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The long-arithmetic shortcuts for decimals give exactly the bytes and values of the BigDecimal way. */
class DecimalCodecTest {
    static List<BigDecimal> samples() {
        List<BigDecimal> out = new ArrayList<>();
        for (String s : List.of("0", "0.00", "-0.0", "1", "-1", "100", "1.500", "-128", "128", "127", "-129", "255",
                "0.000001000", "9223372036854775807", "-9223372036854775808", "4611686018427387904.00",
                "12345678901234567890.123456789", "1E+5", "-2.50E+3", "99999999.99990000")) {
            out.add(new BigDecimal(s));
        }
        Random r = new Random(11);
        for (int i = 0; i < 2000; i++) {
            BigInteger u = new BigInteger(1 + r.nextInt(70), r);
            out.add(new BigDecimal(r.nextBoolean() ? u : u.negate(), r.nextInt(25) - 3));
        }
        return out;
    }

    @Test
    void canonicalDigestOfADecimalIsTheSha256OfItsCanonicalEncoding() {
        for (BigDecimal d : samples()) {
            TableDigest digest = new TableDigest(List.of(PortableType.DECIMAL));
            digest.add(new Object[]{d});
            Bytes.Sink reference = new Bytes.Sink(64);
            RowCodec.write(reference, Values.canonical(d, PortableType.DECIMAL));
            byte[] exact = java.util.Arrays.copyOf(reference.array(), reference.size());
            assertThat(digest.value()).as(d.toString()).isEqualTo("sha256-sum:" + ChunkCodec.sha256(exact));
        }
    }

    @Test
    void decimalsDecodeToTheValueAndScaleTheyWereWrittenWith() throws Exception {
        Bytes.Sink out = new Bytes.Sink(1 << 16);
        List<BigDecimal> in = samples();
        for (BigDecimal d : in) {
            RowCodec.write(out, d);
        }
        Bytes.Source src = new Bytes.Source(java.util.Arrays.copyOf(out.array(), out.size()));
        for (BigDecimal d : in) {
            assertThat(RowCodec.read(src)).isEqualTo(d); // BigDecimal.equals compares the scale too
        }
        assertThat(src.hasMore()).isFalse();
    }
}
