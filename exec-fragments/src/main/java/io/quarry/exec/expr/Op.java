package io.quarry.exec.expr;

/**
 * Scalar operators and functions. Argument conventions, where not obvious, are noted; the result
 * type of every call is carried by the {@link Call}. SQL three-valued logic applies throughout.
 */
public enum Op {
  // Arithmetic. PLUS/MINUS also cover DATE/TIMESTAMP +- INTERVAL and DATE - DATE.
  PLUS,
  MINUS,
  TIMES,
  DIVIDE,
  MOD,
  NEGATE,
  // Comparison
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  IS_DISTINCT_FROM,
  IS_NOT_DISTINCT_FROM,
  // Logic
  AND,
  OR,
  NOT,
  IS_NULL,
  IS_NOT_NULL,
  IS_TRUE,
  IS_NOT_TRUE,
  IS_FALSE,
  IS_NOT_FALSE,
  /** args: cond1, value1, cond2, value2, ..., else (the else is always present). */
  CASE,
  /** args: value; the target is the call's type. */
  CAST,
  COALESCE,
  /** args: value, then the list of (literal) candidates; NULL if no match and a NULL is present. */
  IN,
  /** args: value, pattern [, escape]. SQL LIKE with % and _. */
  LIKE,
  // Strings
  CONCAT,
  /** args: value, start (1-based) [, length]. */
  SUBSTRING,
  UPPER,
  LOWER,
  /** args: value; trims spaces on both sides. */
  TRIM,
  LTRIM,
  RTRIM,
  CHAR_LENGTH,
  /** args: needle, haystack; 1-based position or 0. */
  POSITION,
  /** args: value, search, replacement. */
  REPLACE,
  // Date and time
  /** args: unit (VARCHAR literal: YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND), value. */
  EXTRACT,
  // Math
  ABS,
  /** args: value [, digits]. */
  ROUND,
  FLOOR,
  CEIL,
  POWER,
  SQRT,
  LN,
  LOG10,
  EXP,
  SIGN
}
