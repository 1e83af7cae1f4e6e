package io.quarry.cli;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.AtomicFiles;
import io.quarry.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A store in a temporary directory for moving a DAG between a CAR file and a node ({@code car
 * export|import --connect}): blocks pass through it verified, and it is deleted on close, so the
 * local store is left as it was.
 */
final class TransferStore implements AutoCloseable {
  private final Path dir;
  private final Store store;

  TransferStore() {
    try {
      dir = Files.createTempDirectory("quarry-transfer-");
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot create a temporary store: " + e, e);
    }
    store = Store.open(dir);
  }

  Store store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      // A leftover temporary directory holds only copies.
    }
  }
}
