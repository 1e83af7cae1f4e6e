package io.quarry.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void readsNumbersWithBinaryUnits() {
    assertEquals(1_048_576, ByteSize.parse("1048576"));
    assertEquals(512L << 20, ByteSize.parse("512MiB"));
    assertEquals(512L << 20, ByteSize.parse("512 mb"));
    assertEquals(2L << 30, ByteSize.parse("2GB"));
    assertEquals(3L << 29, ByteSize.parse("1.5g"));
    assertEquals(64L << 10, ByteSize.parse("64KiB"));
    assertEquals(0, ByteSize.parse("0"));
  }

  @Test
  void refusesWhatIsNotASize() {
    for (String bad : new String[] {"", "lots", "-1", "12XB", "GB", "NaN"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
      assertEquals("'" + bad + "' is not a size (expected e.g. 512MiB, 2GB or 1048576)", e.getMessage());
    }
  }
}
