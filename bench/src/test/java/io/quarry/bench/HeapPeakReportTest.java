package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory columns say n/a, not a number, when Quarry ran in another process. */
class HeapPeakReportTest {
  @Test
  void notMeasuredPeakIsShownAsNotAvailable() {
    QueryMeasurement remote =
        new QueryMeasurement(
            "q01", 4, 10, 5, QueryMeasurement.NOT_MEASURED, QueryMeasurement.NOT_MEASURED, "ok", "");
    QueryMeasurement local = new QueryMeasurement("q02", 4, 10, 5, 5L << 20, 3L << 20, "ok", "");
    assertTrue(
        ReportWriter.row(remote).contains("| 2.00x | n/a | n/a | ok |"), ReportWriter.row(remote));
    assertTrue(ReportWriter.row(local).contains("| 2.00x | 5 | 3 | ok |"), ReportWriter.row(local));
    String json =
        ReportWriter.json(
            new BenchmarkReport(Map.of(), List.of(remote, local), List.of(), Path.of("unused")));
    assertTrue(json.contains("\"quarryPeakHeapBytes\": null"), json);
    assertTrue(json.contains("\"quarryPeakHeapBytes\": 3145728"), json);
    assertTrue(json.contains("\"quarryPeakArrowBytes\": 5242880"), json);
  }

  @Test
  void heapPeakIsMeasuredInThisJvm() {
    HeapPeak heap = new HeapPeak();
    heap.reset();
    byte[][] garbage = new byte[8][];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = new byte[1 << 20];
    }
    assertTrue(heap.peakBytes() >= garbage.length * (1L << 20) / 2, "peak " + heap.peakBytes());
  }
}
