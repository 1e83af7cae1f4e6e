package io.quarry.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MultibaseTest {
  @Property
  void base32RoundTrips(@ForAll @Size(max = 200) byte[] bytes) {
    String text = Multibase.encode(Multibase.Base.BASE32, bytes);
    assertEquals('b', text.charAt(0));
    assertEquals(text, text.toLowerCase(Locale.ROOT));
    assertTrue(text.indexOf('=') < 0);
    assertArrayEquals(bytes, Multibase.decode(text));
  }

  @Property
  void upperCaseBase32IsAccepted(@ForAll @Size(max = 200) byte[] bytes) {
    String upper = "B" + Multibase.encodeBase32(bytes).toUpperCase(Locale.ROOT);
    assertArrayEquals(bytes, Multibase.decode(upper));
    assertEquals(upper, Multibase.encode(Multibase.Base.BASE32_UPPER, bytes));
  }

  @Property
  void base58btcRoundTrips(@ForAll @Size(max = 200) byte[] bytes) {
    String text = Multibase.encode(Multibase.Base.BASE58BTC, bytes);
    assertEquals('z', text.charAt(0));
    assertArrayEquals(bytes, Multibase.decode(text));
  }

  @Test
  void rfc4648Vectors() {
    String[][] vectors = {
      {"", ""},
      {"f", "my"},
      {"fo", "mzxq"},
      {"foo", "mzxw6"},
      {"foob", "mzxw6yq"},
      {"fooba", "mzxw6ytb"},
      {"foobar", "mzxw6ytboi"}
    };
    for (String[] v : vectors) {
      byte[] bytes = v[0].getBytes(StandardCharsets.US_ASCII);
      assertEquals(v[1], Multibase.encodeBase32(bytes));
      assertArrayEquals(bytes, Multibase.decodeBase32(v[1]));
    }
  }

  @Test
  void base58btcVectors() {
    assertEquals(
        "2NEpo7TZRRrLZSi2U",
        Multibase.encodeBase58btc("Hello World!".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("11", Multibase.encodeBase58btc(new byte[2]));
    assertArrayEquals(new byte[] {0, 0, 1}, Multibase.decodeBase58btc("112"));
    assertEquals("", Multibase.encodeBase58btc(new byte[0]));
  }

  @Test
  void unknownPrefixIsNamed() {
    QuarryException e = assertThrows(QuarryException.class, () -> Multibase.decode("fabcd"));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().contains("unknown multibase prefix 'f'"), e.getMessage());
    assertTrue(e.getMessage().contains("'fabcd'"), e.getMessage());
  }

  @Test
  void badCharacterPositionIsNamed() {
    QuarryException e = assertThrows(QuarryException.class, () -> Multibase.decode("bmz1w6"));
    assertTrue(e.getMessage().contains("bad base32 character '1' at position 3"), e.getMessage());
    e = assertThrows(QuarryException.class, () -> Multibase.decode("z2NEp0"));
    assertTrue(
        e.getMessage().contains("bad base58btc character '0' at position 5"), e.getMessage());
    e = assertThrows(QuarryException.class, () -> Multibase.decode("bMZXQ"));
    assertTrue(e.getMessage().contains("position 1"), e.getMessage());
  }

  @Test
  void paddingAndImpossibleLengthsAreRejected() {
    assertThrows(QuarryException.class, () -> Multibase.decode("bmy======"));
    QuarryException e = assertThrows(QuarryException.class, () -> Multibase.decode("bmzx"));
    assertTrue(e.getMessage().contains("invalid base32 length 3"), e.getMessage());
    e = assertThrows(QuarryException.class, () -> Multibase.decode("bmz"));
    assertTrue(e.getMessage().contains("non-zero padding bits"), e.getMessage());
    assertThrows(QuarryException.class, () -> Multibase.decode(""));
  }
}
