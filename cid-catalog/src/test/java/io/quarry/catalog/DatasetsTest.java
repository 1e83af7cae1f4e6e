package io.quarry.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  @Test
  void appendsBuildAHistory() {
    Datasets datasets = new Datasets(dir);
    assertEquals(List.of(), datasets.names());
    assertEquals(Optional.empty(), datasets.latest("trips"));
    DatasetVersion v1 = datasets.append("trips", cid(1));
    DatasetVersion v2 = datasets.append("trips", cid(2));
    datasets.append("Alpha_2", cid(3));
    assertEquals(1, v1.version());
    assertEquals(2, v2.version());
    assertEquals(List.of("Alpha_2", "trips"), datasets.names());
    Datasets reopened = new Datasets(dir);
    assertEquals(List.of(v1, v2), reopened.history("trips"));
    assertEquals(Optional.of(v2), reopened.latest("trips"));
    assertEquals(cid(2), reopened.latest("trips").orElseThrow().root());
  }

  @Test
  void appendIfLatestRefusesARootBuiltOnAnOlderVersion() {
    Datasets datasets = new Datasets(dir);
    assertEquals(1, datasets.appendIfLatest("trips", cid(1), 0).orElseThrow().version());
    assertEquals(Optional.empty(), datasets.appendIfLatest("trips", cid(2), 0));
    assertEquals(2, datasets.appendIfLatest("trips", cid(3), 1).orElseThrow().version());
    assertEquals(Optional.empty(), datasets.appendIfLatest("trips", cid(4), 1));
    assertEquals(List.of(cid(1), cid(3)),
        datasets.history("trips").stream().map(DatasetVersion::root).toList());
  }

  @Test
  void latestReadsTheLastEntryAndNamesItsLineWhenBroken() throws IOException {
    Datasets datasets = new Datasets(dir);
    for (int i = 1; i <= 30; i++) {
      datasets.append("trips", cid(i));
    }
    assertEquals(30, datasets.latest("trips").orElseThrow().version());
    assertEquals(cid(30), datasets.latest("trips").orElseThrow().root());
    Path log = dir.resolve("trips.jsonl");
    Files.writeString(log, Files.readString(log) + "{\"version\":31,\"ro\n");
    QuarryException e =
        assertThrows(QuarryException.class, () -> datasets.latest("trips"));
    assertEquals(ErrorCode.CORRUPT_DATA, e.code());
    assertTrue(e.getMessage().contains("line 31"), e.getMessage());
    Files.writeString(log, "\n\n");
    assertEquals(Optional.empty(), datasets.latest("trips"));
  }

  @Test
  void invalidNamesAreRejected() {
    Datasets datasets = new Datasets(dir);
    for (String name : List.of("", "1abc", "a-b", "../x", "a b")) {
      QuarryException e = assertThrows(QuarryException.class, () -> datasets.append(name, cid(1)));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage().contains("'" + name + "'"));
    }
  }

  @Test
  void leftoverTempFileOfACrashedAppendIsIgnored() throws IOException {
    Datasets datasets = new Datasets(dir);
    datasets.append("trips", cid(1));
    Files.writeString(dir.resolve(".trips.jsonl.tmp-123"), "{\"version\":1,\"ro");
    assertEquals(List.of("trips"), datasets.names());
    assertEquals(1, datasets.history("trips").size());
    assertEquals(2, datasets.append("trips", cid(2)).version());
  }

  @Test
  void damagedLogIsReportedWithFileAndLine() throws IOException {
    Datasets datasets = new Datasets(dir);
    datasets.append("trips", cid(1));
    Files.writeString(
        dir.resolve("trips.jsonl"), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
    QuarryException e = assertThrows(QuarryException.class, () -> datasets.history("trips"));
    assertEquals(ErrorCode.CORRUPT_DATA, e.code());
    assertTrue(e.getMessage().contains("trips.jsonl line 2"), e.getMessage());
  }

  @Test
  void concurrentAppendsGetConsecutiveVersions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<DatasetVersion>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        futures.add(pool.submit(() -> new Datasets(dir).append("t", cid(n))));
      }
      for (Future<DatasetVersion> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<DatasetVersion> history = new Datasets(dir).history("t");
    assertEquals(
        IntStream.rangeClosed(1, 20).boxed().toList(),
        history.stream().map(DatasetVersion::version).toList());
    assertEquals(20, history.stream().map(DatasetVersion::root).distinct().count());
  }

  private static Cid cid(int n) {
    return Cid.v1(Multicodec.DAG_PB, Multihash.sha256(new byte[] {(byte) n}));
  }
}
