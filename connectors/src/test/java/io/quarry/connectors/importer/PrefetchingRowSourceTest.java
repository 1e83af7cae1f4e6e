package io.quarry.connectors.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PrefetchingRowSourceTest {
  /** Rows 0, 1, 2, … up to {@code rows}, failing at row {@code failAt} if that is below it. */
  private static final class Counting implements RowSource {
    final long rows;
    final long failAt;
    final QuarryException failure = new QuarryException(ErrorCode.MALFORMED_INPUT, "bad row");
    final AtomicBoolean closed = new AtomicBoolean();
    long next;

    Counting(long rows, long failAt) {
      this.rows = rows;
      this.failAt = failAt;
    }

    @Override
    public Object[] next() {
      if (next == failAt) {
        throw failure;
      }
      return next < rows ? new Object[] {next++} : null;
    }

    @Override
    public long bytesRead() {
      return next;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void keepsOrderAcrossBatches() {
    Counting inner = new Counting(10_000, Long.MAX_VALUE);
    try (RowSource source = new PrefetchingRowSource(inner)) {
      for (long i = 0; i < 10_000; i++) {
        assertEquals(i, source.next()[0]);
      }
      assertNull(source.next());
      assertNull(source.next());
      assertEquals(10_000, source.bytesRead());
    }
    assertTrue(inner.closed.get());
  }

  @Test
  void rethrowsTheFailureAfterTheRowsBeforeIt() {
    Counting inner = new Counting(10_000, 5000);
    try (RowSource source = new PrefetchingRowSource(inner)) {
      for (long i = 0; i < 5000; i++) {
        assertEquals(i, source.next()[0]);
      }
      assertSame(inner.failure, assertThrows(QuarryException.class, source::next));
    }
    assertTrue(inner.closed.get());
  }

  @Test
  void closingEarlyStopsTheReader() {
    Counting inner = new Counting(Long.MAX_VALUE, Long.MAX_VALUE);
    RowSource source = new PrefetchingRowSource(inner);
    assertEquals(0L, source.next()[0]);
    source.close();
    assertTrue(inner.closed.get());
  }
}
