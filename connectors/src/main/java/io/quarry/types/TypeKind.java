package io.quarry.types;

/**
 * The SQL types Quarry stores and computes with. Each has one in-memory Java form (see {@link
 * DataType}) and one Arrow and one Parquet form.
 */
public enum TypeKind {
  BOOLEAN,
  /** 32-bit signed integer (TINYINT and SMALLINT widen to it). */
  INT,
  BIGINT,
  /** 64-bit IEEE float (REAL and FLOAT widen to it). */
  DOUBLE,
  /** Exact decimal with precision and scale; precision at most 38. */
  DECIMAL,
  /** Days since 1970-01-01. */
  DATE,
  /** Microseconds since 1970-01-01T00:00:00, no time zone. */
  TIMESTAMP,
  /** UTF-8 text. */
  VARCHAR,
  /** Milliseconds; only as an intermediate value of date arithmetic. */
  INTERVAL_DAY_TIME,
  /** Months; only as an intermediate value of date arithmetic. */
  INTERVAL_YEAR_MONTH,
  /** The type of a bare NULL literal. */
  NULL
}
