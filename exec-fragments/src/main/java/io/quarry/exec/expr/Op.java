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
  /** args: value, n: the first n characters (all but the last -n when n is negative). */
  LEFT,
  /** args: value, n: the last n characters (all but the first -n when n is negative). */
  RIGHT,
  /** args: value, length, fill: filled on the left, or cut, to length characters. */
  LPAD,
  /** args: value, length, fill: filled on the right, or cut, to length characters. */
  RPAD,
  // Date and time
  /** args: unit (VARCHAR literal: YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND), value. */
  EXTRACT,
  /** args: unit (VARCHAR literal: YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND), value. */
  DATE_TRUNC,
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
