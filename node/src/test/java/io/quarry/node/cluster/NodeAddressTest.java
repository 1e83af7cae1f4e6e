package io.quarry.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAddressTest {
  @Test
  void parsesHostPortAndLists() {
    assertEquals(new NodeAddress("127.0.0.1", 7733), NodeAddress.parse("127.0.0.1:7733"));
    assertEquals(new NodeAddress("::1", 80), NodeAddress.parse("[::1]:80"));
    assertEquals("[::1]:80", new NodeAddress("::1", 80).toString());
    assertEquals(
        List.of(new NodeAddress("a", 1), new NodeAddress("b", 2)),
        NodeAddress.parseList("a:1, b:2,"));
    assertEquals(List.of(), NodeAddress.parseList(null));
  }

  @Test
  void badAddressesNameTheInput() {
    for (String bad : List.of("localhost", "host:", ":80", "host:http", "host:70000")) {
      QuarryException e = assertThrows(QuarryException.class, () -> NodeAddress.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
