package io.quarry.sql;

import static java.util.Objects.requireNonNull;

/**
 * A statement as Quarry recognizes it before Calcite sees it. Queries keep their full text (with
 * any EXPLAIN prefix blanked out) so that error positions stay those of the original text.
 */
public sealed interface Statement {
  /** A query (SELECT, VALUES, WITH, set operations) to run. */
  record Query(String sql) implements Statement {
    public Query {
      requireNonNull(sql, "sql is null");
    }
  }

  /** EXPLAIN [VERBOSE] query. */
  record Explain(String sql, boolean verbose) implements Statement {
    public Explain {
      requireNonNull(sql, "sql is null");
    }
  }

  /**
   * EXPLAIN ANALYZE query: runs the query and shows its plan with what each fragment did (where
   * its rows came from, the node that ran it, rows, bytes, time).
   */
  record ExplainAnalyze(String sql) implements Statement {
    public ExplainAnalyze {
      requireNonNull(sql, "sql is null");
    }
  }

  /** SHOW DATASETS (or SHOW TABLES). */
  record ShowDatasets() implements Statement {}

  /** DESCRIBE table (or DESC table); {@code table} is the reference as written, unquoted. */
  record Describe(String table) implements Statement {
    public Describe {
      requireNonNull(table, "table is null");
    }
  }
}
