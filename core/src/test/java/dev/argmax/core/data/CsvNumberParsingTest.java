package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reader's numbers against the JDK's {@link Double#parseDouble} (correctly rounded by its
 * specification): the fused fast path (eight digits at a time, Clinger's exact cases) and the
 * general parser must give the same double, bit for bit, for every spelling a CSV writer
 * produces: R's {@code fwrite} 15 significant digits, Python's shortest round trip (17 digits),
 * integers, exponents, signs, leading zeros, and digit runs just around the eight-byte steps.
 */
class CsvNumberParsingTest {

    private static void assertParsedExactly(String text) {
        double[] out = new double[1];
        byte[] b = (text + ",").getBytes(StandardCharsets.UTF_8);
        int end = CsvReader.fastNumber(b, 0, b.length, out);
        double expected = Double.parseDouble(text);
        if (end >= 0) {
            assertEquals(text.length(), end, text);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[0]), text);
        }
        // and through the whole reader, whichever path it takes
        double read = CsvTable.parse("x\n" + text + "\n").column("x")[0];
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(read), text);
    }

    @Test
    void randomDecimalsOfEveryLengthReadAsTheJdkReadsThem() {
        SplittableRandom rnd = new SplittableRandom(20261207);
        for (int k = 0; k < 5_000; k++) {
            double v = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-8, 9));
            int digits = 1 + rnd.nextInt(17);
            assertParsedExactly(String.format(Locale.ROOT, "%." + digits + "g", v).replace(" ", ""));
            assertParsedExactly(Double.toString(v));
            assertParsedExactly(String.format(Locale.ROOT, "%." + rnd.nextInt(0, 20) + "f", v));
        }
    }

    @Test
    void digitRunsAroundTheEightByteStepsAndTheFastPathLimits() {
        StringBuilder digits = new StringBuilder();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 30; i++) {
            digits.append((char) ('0' + rnd.nextInt(10)));
        }
        for (int a = 0; a <= 22; a++) {
            for (int f = 0; f <= 22; f++) {
                String in = a == 0 ? "0" : digits.substring(0, a);
                String frac = digits.substring(30 - f);
                String text = f == 0 ? in : in + "." + frac;
                assertParsedExactly(text);
                assertParsedExactly("-" + text);
                assertParsedExactly("+" + text + "e-5");
                assertParsedExactly(text + "E12");
            }
        }
        for (String s : new String[] {"9007199254740992", "9007199254740993", "99999999", "100000000",
                "0.00000001", "00000000000000000001", "1e22", "1e23", "123456789012345678", "0.1234567812345678",
                "12345678.87654321", "4.9e-324", "1.7976931348623157e308", ".5", "5.", "-0"}) {
            assertParsedExactly(s);
        }
    }
}
