package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  @Test
  void bundledCsvsAreWhatTheGeneratorWrites() throws IOException {
    String trips = resource("demo/trips.csv");
    assertEquals(DemoDataGenerator.trips(), trips, "regenerate with DemoDataGenerator");
    assertEquals(DemoDataGenerator.zones(), resource("demo/zones.csv"));
    assertEquals(DemoDataGenerator.TRIPS + 1, trips.lines().count());
    assertTrue(trips.length() < 1 << 20, "the sample stays under 1 MB");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Main.class.getResourceAsStream(name)) {
      assertTrue(in != null, name + " is bundled");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
