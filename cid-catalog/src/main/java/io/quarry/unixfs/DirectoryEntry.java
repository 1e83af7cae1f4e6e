package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;

/**
 * One entry of a UnixFS directory. {@code size} is the cumulative size of the entry's DAG (dag-pb
 * Tsize: every block below and including the entry's root), not the file's content length.
 */
public record DirectoryEntry(String name, Cid cid, long size) {
  public DirectoryEntry {
    requireNonNull(name, "name is null");
    requireNonNull(cid, "cid is null");
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Invalid directory entry name '" + name + "' (empty, '.', '..' or containing '/')");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
