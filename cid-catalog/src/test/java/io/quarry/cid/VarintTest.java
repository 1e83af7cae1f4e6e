package io.quarry.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class VarintTest {
  @Property
  void roundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
    byte[] encoded = Varint.encode(value);
    assertEquals(Varint.size(value), encoded.length);
    assertTrue(encoded.length <= Varint.MAX_BYTES);
    Varint.Decoded decoded = Varint.decode(encoded, 0, encoded.length);
    assertEquals(value, decoded.value());
    assertEquals(encoded.length, decoded.length());
  }

  @Property
  void everyProperPrefixIsTruncated(
      @ForAll @LongRange(min = 128, max = Long.MAX_VALUE) long value) {
    byte[] encoded = Varint.encode(value);
    for (int cut = 0; cut < encoded.length; cut++) {
      int end = cut;
      QuarryException e = assertThrows(QuarryException.class, () -> Varint.decode(encoded, 0, end));
      assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
      assertTrue(e.getMessage().contains("truncated varint"), e.getMessage());
    }
  }

  @Property
  void paddedEncodingsAreRejected(@ForAll @LongRange(min = 0, max = 1L << 49) long value) {
    byte[] encoded = Varint.encode(value);
    byte[] padded = Arrays.copyOf(encoded, encoded.length + 1);
    padded[encoded.length - 1] |= (byte) 0x80;
    padded[encoded.length] = 0;
    QuarryException e =
        assertThrows(QuarryException.class, () -> Varint.decode(padded, 0, padded.length));
    assertTrue(e.getMessage().contains("overlong"), e.getMessage());
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(new byte[] {0}, Varint.encode(0));
    assertArrayEquals(new byte[] {0x7f}, Varint.encode(127));
    assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, Varint.encode(128));
    assertArrayEquals(new byte[] {(byte) 0xa9, 0x02}, Varint.encode(0x0129));
    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, 0x03}, Varint.encode(65535));
    assertEquals(9, Varint.encode(Long.MAX_VALUE).length);
  }

  @Test
  void rejectsTenByteVarints() {
    byte[] tooLong = new byte[10];
    Arrays.fill(tooLong, (byte) 0x80);
    tooLong[9] = 0x01;
    QuarryException e =
        assertThrows(QuarryException.class, () -> Varint.decode(tooLong, 0, tooLong.length));
    assertTrue(e.getMessage().contains("longer than 9 bytes"), e.getMessage());
  }

  @Test
  void errorsShowTheVarintNotTheRestOfTheBuffer() {
    byte[] block = new byte[200_000];
    Arrays.fill(block, (byte) 0xff);
    QuarryException e = assertThrows(QuarryException.class, () -> Varint.decode(block, 1, block.length));
    assertTrue(e.getMessage().length() < 120, e.getMessage());
    assertTrue(e.getMessage().startsWith("Malformed varint at byte 1 (ffffffffffffffffffff…)"), e.getMessage());
  }

  @Test
  void rejectsNegativeValues() {
    assertThrows(IllegalArgumentException.class, () -> Varint.encode(-1));
  }
}
