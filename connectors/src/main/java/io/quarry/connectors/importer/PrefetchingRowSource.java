package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and converts rows of another source on a thread of its own, in batches, so that parsing
 * input overlaps with encoding shards. Rows come out in the same order; a failure of the reading
 * thread is rethrown, unchanged, by {@link #next} at the row where it happened.
 */
final class PrefetchingRowSource implements RowSource {
  private static final int BATCH_ROWS = 2048;
  private static final int QUEUED_BATCHES = 4;

  private final RowSource source;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread reader;
  private volatile boolean stopped;
  private volatile long bytesRead;
  private Batch current;
  private int position;
  private boolean finished;

  /** A run of rows; {@code last} marks the end of the stream, {@code failure} what ended it early. */
  private record Batch(Object[][] rows, int size, RuntimeException failure, boolean last, long bytesRead) {}

  PrefetchingRowSource(RowSource source) {
    this.source = requireNonNull(source, "source is null");
    this.reader = new Thread(this::readAll, "quarry-import-read");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAll() {
    try {
      while (!stopped) {
        Object[][] rows = new Object[BATCH_ROWS][];
        int size = 0;
        boolean last = false;
        RuntimeException failure = null;
        try {
          while (size < BATCH_ROWS) {
            Object[] row = source.next();
            if (row == null) {
              last = true;
              break;
            }
            rows[size++] = row;
          }
        } catch (RuntimeException e) {
          failure = e;
          last = true;
        }
        queue.put(new Batch(rows, size, failure, last, source.bytesRead()));
        if (last) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Object[] next() {
    while (current == null || position == current.size()) {
      if (current != null && current.failure() != null) {
        throw current.failure();
      }
      if (finished) {
        return null;
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuarryException(ErrorCode.QUERY_CANCELLED, "import interrupted", e);
      }
      position = 0;
      bytesRead = current.bytesRead();
      finished = current.last();
    }
    Object[] row = current.rows()[position];
    current.rows()[position++] = null;
    return row;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() {
    stopped = true;
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      source.close();
    }
  }
}
