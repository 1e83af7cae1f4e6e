package io.quarry.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CidTest {
  private static final String HELLO_V0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
  private static final String HELLO_V0_AS_V1 =
      "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby";

  /** Raw block of "hello world\n" (sha2-256 a948904f…). */
  private static final String HELLO_RAW =
      "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

  @Test
  void parsesCidV0() {
    Cid cid = Cid.parse(HELLO_V0);
    assertEquals(0, cid.version());
    assertEquals(Multicodec.DAG_PB, cid.codec());
    assertEquals(Multihash.SHA2_256, cid.multihash().code());
    assertEquals(34, cid.bytes().length);
    assertEquals(HELLO_V0, cid.toString());
    assertEquals(HELLO_V0_AS_V1, cid.toV1().toString());
    assertNotEquals(cid, cid.toV1());
    assertEquals(cid.multihash(), cid.toV1().multihash());
  }

  @Test
  void parsesCidV1InEveryBase() {
    Cid cid = Cid.parse(HELLO_RAW);
    assertEquals(1, cid.version());
    assertEquals(Multicodec.RAW, cid.codec());
    assertEquals(HELLO_RAW, cid.toString());
    assertEquals(cid, Cid.parse("zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY"));
    assertEquals(cid, Cid.parse("B" + HELLO_RAW.substring(1).toUpperCase(Locale.ROOT)));
    assertEquals(cid, Cid.decode(cid.bytes()));
    assertEquals(
        "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447",
        HexFormat.of().formatHex(cid.multihash().digest()));
  }

  @Test
  void buildsCidsFromContent() {
    byte[] data = "hello world\n".getBytes(StandardCharsets.UTF_8);
    Cid raw = Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    assertEquals(HELLO_RAW, raw.toString());
    assertEquals(
        "bafyreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
        Cid.v1(Multicodec.DAG_CBOR, Multihash.sha256(data)).toString());
    Cid json = Cid.v1(Multicodec.DAG_JSON, Multihash.identity(data));
    assertEquals(json, Cid.parse(json.toString()));
    assertEquals(Multicodec.DAG_JSON, Cid.parse(json.toString()).codec());
    assertArrayEquals(data, json.multihash().digest());
  }

  @Property
  void v1RoundTripsThroughText(
      @ForAll @Size(max = 64) byte[] content, @ForAll @LongRange(max = 1 << 20) long codec) {
    Cid cid = Cid.v1(codec, Multihash.sha256(content));
    assertEquals(cid, Cid.parse(cid.toString()));
    assertEquals(cid, Cid.decode(cid.bytes()));
    assertEquals(cid.hashCode(), Cid.decode(cid.bytes()).hashCode());
  }

  @Test
  void cidV0OfWrongLengthIsNamed() {
    QuarryException e = assertThrows(QuarryException.class, () -> Cid.parse(HELLO_V0 + "x"));
    assertEquals(ErrorCode.MALFORMED_CID, e.code());
    assertTrue(e.getMessage().contains("'" + HELLO_V0 + "x'"), e.getMessage());
    assertTrue(e.getMessage().contains("46 characters"), e.getMessage());
  }

  @Test
  void badCharacterIsNamedWithItsPosition() {
    String bad = HELLO_V0.substring(0, 10) + "0" + HELLO_V0.substring(11);
    QuarryException e = assertThrows(QuarryException.class, () -> Cid.parse(bad));
    assertEquals(ErrorCode.MALFORMED_CID, e.code());
    assertTrue(
        e.getMessage().contains("bad base58btc character '0' at position 10"), e.getMessage());
    String bad32 = HELLO_RAW.substring(0, 7) + "!" + HELLO_RAW.substring(8);
    e = assertThrows(QuarryException.class, () -> Cid.parse(bad32));
    assertTrue(e.getMessage().contains("'!' at position 7"), e.getMessage());
    assertTrue(e.getMessage().contains(bad32), e.getMessage());
  }

  @Test
  void unknownMultibaseIsNamed() {
    QuarryException e = assertThrows(QuarryException.class, () -> Cid.parse("mAVUSIA"));
    assertEquals(ErrorCode.MALFORMED_CID, e.code());
    assertTrue(e.getMessage().contains("unknown multibase prefix 'm'"), e.getMessage());
    assertThrows(QuarryException.class, () -> Cid.parse(""));
  }

  @Test
  void truncatedAndInconsistentBinaryFormsAreNamed() {
    assertMalformed(new byte[] {0x01, (byte) 0x80}, "truncated varint");
    assertMalformed(new byte[] {0x01, 0x55}, "truncated CID: missing multihash");
    byte[] shortDigest = new byte[4 + 16];
    shortDigest[0] = 0x01;
    shortDigest[1] = 0x55;
    shortDigest[2] = 0x12;
    shortDigest[3] = 0x10;
    assertMalformed(shortDigest, "wrong digest length 16 for sha2-256 (must be 32)");
    byte[] good = Cid.parse(HELLO_RAW).bytes();
    assertMalformed(Arrays.copyOf(good, good.length - 1), "truncated digest");
    assertMalformed(Arrays.copyOf(good, good.length + 1), "1 unexpected bytes");
    byte[] v2 = good.clone();
    v2[0] = 0x02;
    assertMalformed(v2, "unsupported CID version 2");
    byte[] v0InV1Form = good.clone();
    v0InV1Form[0] = 0x00;
    assertMalformed(v0InV1Form, "CID version 0");
  }

  @Test
  void textOfTruncatedCidIsNamed() {
    String truncated =
        "b" + Multibase.encodeBase32(Arrays.copyOf(Cid.parse(HELLO_RAW).bytes(), 20));
    QuarryException e = assertThrows(QuarryException.class, () -> Cid.parse(truncated));
    assertEquals(ErrorCode.MALFORMED_CID, e.code());
    assertTrue(e.getMessage().contains("'" + truncated + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated digest"), e.getMessage());
  }

  @Test
  void decodePrefixStopsAtTheEndOfTheCid() {
    Cid cid = Cid.parse(HELLO_RAW);
    byte[] withData = Arrays.copyOf(cid.bytes(), cid.length() + 5);
    assertEquals(cid, Cid.decodePrefix(withData, 0, withData.length));
    Cid v0 = Cid.parse(HELLO_V0);
    byte[] v0WithData = Arrays.copyOf(v0.bytes(), v0.length() + 5);
    assertEquals(v0, Cid.decodePrefix(v0WithData, 0, v0WithData.length));
  }

  private static void assertMalformed(byte[] bytes, String reason) {
    QuarryException e = assertThrows(QuarryException.class, () -> Cid.decode(bytes));
    assertEquals(ErrorCode.MALFORMED_CID, e.code());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().contains(HexFormat.of().formatHex(bytes)), e.getMessage());
  }
}
