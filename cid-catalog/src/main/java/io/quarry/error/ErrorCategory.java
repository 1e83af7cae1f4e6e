package io.quarry.error;

/** Who is to blame for a failure; decides how it is reported at the edge (exit code, SQLState, Flight status). */
public enum ErrorCategory {
  /** The user's input was wrong: bad SQL, unknown table, malformed CID, corrupt file handed to us. */
  USER,
  /** A bug or broken invariant inside Quarry. */
  INTERNAL,
  /** Something outside Quarry failed: the disk, the network, a remote node or gateway. */
  EXTERNAL,
  /** A limit was hit: memory, time, disk space. */
  RESOURCES
}
