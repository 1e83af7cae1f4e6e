package io.quarry.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * TPC-H at SF 0.01 for the tests, generated once and kept under target/ (the completion markers
 * make a later run reuse it), and imported into a store next to it.
 */
final class TpchFixture {
  static final double SCALE_FACTOR = 0.01;
  static final Path DATA_ROOT = Path.of("target", "tpch-data").toAbsolutePath();

  private static TpchData data;
  private static TpchDatasets datasets;

  private TpchFixture() {}

  static synchronized TpchData data() throws IOException {
    if (data == null) {
      data = TpchData.prepare(SCALE_FACTOR, DATA_ROOT, 2, System.out);
    }
    return data;
  }

  static synchronized TpchDatasets datasets() throws IOException {
    if (datasets == null) {
      datasets = TpchDatasets.prepare(data(), new PrintStream(System.out, true));
    }
    return datasets;
  }
}
