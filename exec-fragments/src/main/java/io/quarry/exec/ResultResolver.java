package io.quarry.exec;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.InputStream;

/**
 * Opens a stored result (the Arrow IPC stream under a result CID) for reading, fetching it first
 * if the node does not hold it.
 */
@FunctionalInterface
public interface ResultResolver {
  /** Knows no result: for contexts whose plans never read one. */
  ResultResolver NONE =
      cid -> {
        throw new QuarryException(
            ErrorCode.NOT_FOUND, "Result " + cid + " cannot be read here: no result store");
      };

  /** The IPC stream of result {@code cid}; the caller closes it. */
  InputStream open(String cid);
}
