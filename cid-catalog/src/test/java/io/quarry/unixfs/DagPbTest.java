package io.quarry.unixfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagPbTest {
  private static final Cid LEAF =
      Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

  @Test
  void linksAreEncodedBeforeData() {
    byte[] bytes = DagPb.encode(new PbNode(List.of(new PbLink(LEAF, "", 12L)), new byte[] {8, 2}));
    assertEquals(0x12, bytes[0]); // field 2 (Links), length-delimited
    assertEquals(0x0a, bytes[bytes.length - 4]); // field 1 (Data) last
    PbNode node = DagPb.decode(bytes);
    assertEquals(List.of(new PbLink(LEAF, "", 12L)), node.links());
    assertArrayEquals(new byte[] {8, 2}, node.data());
  }

  @Test
  void helloWorldLeafMatchesKubo() {
    UnixFsData data =
        new UnixFsData(
            UnixFsData.Type.FILE, "hello world\n".getBytes(), 12L, List.of(), null, null);
    byte[] bytes = DagPb.encode(new PbNode(List.of(), data.encode()));
    assertEquals("0a120802120c68656c6c6f20776f726c640a180c", HexFormat.of().formatHex(bytes));
  }

  @Test
  void dataFirstIsAcceptedAndOptionalFieldsStayAbsent() {
    byte[] link = DagPb.encode(new PbNode(List.of(new PbLink(LEAF, null, null)), null));
    byte[] dataFirst = HexFormat.of().parseHex("0a020801" + HexFormat.of().formatHex(link));
    PbNode node = DagPb.decode(dataFirst);
    assertArrayEquals(new byte[] {8, 1}, node.data());
    assertNull(node.links().get(0).name());
    assertNull(node.links().get(0).tsize());
    assertNull(DagPb.decode(new byte[0]).data());
  }

  @Test
  void malformedNodesAreRejected() {
    assertCorrupt("1a00", "unknown field 3");
    assertCorrupt("0a05", "declares 5 bytes");
    assertCorrupt("1202" + "1800", "link without Hash");
    assertCorrupt("0800", "wire type 0");
  }

  private static void assertCorrupt(String hex, String reason) {
    QuarryException e =
        assertThrows(QuarryException.class, () -> DagPb.decode(HexFormat.of().parseHex(hex)));
    assertEquals(ErrorCode.CORRUPT_DATA, e.code());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
