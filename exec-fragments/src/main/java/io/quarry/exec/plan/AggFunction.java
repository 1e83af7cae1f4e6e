package io.quarry.exec.plan;

/** Aggregate functions. DISTINCT aggregates are rewritten by the planner into two aggregations. */
public enum AggFunction {
  /** COUNT(*): no arguments. */
  COUNT_STAR,
  /** COUNT(x): non-null values of its one argument. */
  COUNT,
  /** SUM: NULL over no non-null values. */
  SUM,
  /** SUM that yields 0 instead of NULL over no values (what COUNT's partials merge with). */
  SUM0,
  AVG,
  MIN,
  MAX,
  BOOL_AND,
  BOOL_OR,
  /** Any one value of the group (all values are known to be equal). */
  ANY_VALUE,
  /** The group's only value; more than one row is an error (scalar subqueries). */
  SINGLE_VALUE
}
