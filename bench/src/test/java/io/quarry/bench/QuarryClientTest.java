package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-run time limit: a query over it is abandoned and the next query gets a fresh engine. */
class QuarryClientTest {
  @Test
  void queryOverTheTimeLimitIsAbandoned() throws Exception {
    try (QuarryClient quarry = new QuarryClient(TpchFixture.datasets().storeHome(), 1)) {
      QuarryClient.QueryTimeoutException e =
          assertThrows(
              QuarryClient.QueryTimeoutException.class,
              () ->
                  quarry.run(
                      "select count(*) from lineitem a, lineitem b"
                          + " where a.l_comment < b.l_comment",
                      1));
      assertEquals("57014", e.getSQLState());
      QueryAnswer answer = quarry.run("select count(*) from nation", 60);
      assertEquals(25L, answer.rows().get(0).get(0));
    }
  }

  /** The engine's own count of the Arrow memory a query held at its peak reaches the report. */
  @Test
  void reportsTheQuerysPeakArrowMemory() throws Exception {
    try (QuarryClient quarry = new QuarryClient(TpchFixture.datasets().storeHome(), 2)) {
      quarry.run("select l_orderkey, sum(l_quantity) from lineitem group by l_orderkey", 60);
      long grouped = quarry.lastPeakMemoryBytes();
      quarry.run("select count(*) from nation", 60);
      long counted = quarry.lastPeakMemoryBytes();
      assertTrue(counted > 0, "count " + counted);
      assertTrue(grouped > counted, grouped + " > " + counted);
    }
  }
}
