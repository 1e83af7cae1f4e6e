-- name: select_star
SELECT * FROM dept;
-- name: filter_project_arithmetic
SELECT id, name, salary * 2 AS doubled, salary + 0.5 AS plus, -salary AS neg FROM emp WHERE salary > 1000 AND dept_id IN (1, 2);
-- name: inner_join
SELECT e.name, d.name AS dept FROM emp e JOIN dept d ON e.dept_id = d.id;
-- name: left_join
SELECT e.name, d.name AS dept FROM emp e LEFT JOIN dept d ON e.dept_id = d.id;
-- name: right_join
SELECT e.name, d.name AS dept FROM emp e RIGHT JOIN dept d ON e.dept_id = d.id;
-- name: full_join
SELECT e.name, d.name AS dept FROM emp e FULL OUTER JOIN dept d ON e.dept_id = d.id;
-- name: cross_join
SELECT d1.id AS a, d2.id AS b FROM dept d1 CROSS JOIN dept d2;
-- name: join_with_residual
SELECT e.id, s.id AS sale FROM emp e JOIN sales s ON s.emp_id = e.id AND s.amount > e.salary / 10;
-- name: self_join_on_manager
SELECT e.name, m.name AS manager FROM emp e LEFT JOIN emp m ON e.manager_id = m.id;
-- name: three_way_join
SELECT d.region, SUM(s.amount) AS total FROM sales s JOIN emp e ON s.emp_id = e.id JOIN dept d ON e.dept_id = d.id GROUP BY d.region;
-- name: in_subquery
SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE region = 'EU');
-- name: not_in_subquery
SELECT name FROM emp WHERE id NOT IN (SELECT emp_id FROM sales);
-- name: not_in_with_nulls
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp);
-- name: exists
SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id);
-- name: not_exists
SELECT name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id);
-- name: scalar_subquery
SELECT name, salary - (SELECT AVG(salary) FROM emp) AS diff FROM emp;
-- name: correlated_scalar_subquery
SELECT name FROM emp e WHERE salary > (SELECT AVG(salary) FROM emp e2 WHERE e2.dept_id = e.dept_id);
-- name: correlated_count_subquery
SELECT d.name, (SELECT COUNT(*) FROM emp e WHERE e.dept_id = d.id) AS staff FROM dept d;
-- name: group_by_having
SELECT dept_id, COUNT(*) AS n, SUM(salary) AS total, MIN(hired) AS first_hired, MAX(name) AS last_name FROM emp GROUP BY dept_id HAVING COUNT(*) > 1;
-- name: group_by_expression
SELECT EXTRACT(YEAR FROM hired) AS y, COUNT(*) AS n FROM emp GROUP BY EXTRACT(YEAR FROM hired);
-- name: global_aggregates
SELECT COUNT(*) AS n, COUNT(bonus) AS with_bonus, SUM(salary) AS total, AVG(salary) AS mean, MIN(salary) AS lo, MAX(salary) AS hi, AVG(bonus) AS mean_bonus FROM emp;
-- name: aggregates_over_nothing
SELECT COUNT(*) AS n, SUM(salary) AS total, AVG(salary) AS mean, MAX(name) AS hi FROM emp WHERE salary < 0;
-- name: distinct
SELECT DISTINCT dept_id FROM emp;
-- name: distinct_multi_column
SELECT DISTINCT dept_id, salary > 2000 AS rich FROM emp;
-- name: count_distinct
SELECT dept_id, COUNT(DISTINCT manager_id) AS managers FROM emp GROUP BY dept_id;
-- name: count_distinct_with_other_aggregates
SELECT COUNT(DISTINCT dept_id) AS depts, COUNT(DISTINCT manager_id) AS managers, COUNT(*) AS n, SUM(salary) AS total FROM emp;
-- name: union
SELECT dept_id AS id FROM emp UNION SELECT id FROM dept;
-- name: union_all
SELECT name FROM emp UNION ALL SELECT name FROM dept;
-- name: intersect
SELECT dept_id FROM emp INTERSECT SELECT id FROM dept;
-- name: except
SELECT id FROM dept EXCEPT SELECT dept_id FROM emp;
-- name: order_limit_offset
SELECT id, name FROM emp ORDER BY salary DESC, id LIMIT 3 OFFSET 2;
-- name: order_by_nulls_last
SELECT id, manager_id FROM emp ORDER BY manager_id, id;
-- name: order_by_desc_nulls_last
SELECT id, dept_id FROM emp ORDER BY dept_id DESC, id;
-- name: limit_without_order
SELECT COUNT(*) AS n FROM (SELECT id FROM sales LIMIT 7) t;
-- name: top_n_over_shards
SELECT id, amount FROM sales ORDER BY amount DESC, id LIMIT 5;
-- name: case_when
SELECT id, CASE WHEN salary > 3000 THEN 'high' WHEN salary > 1500 THEN 'mid' ELSE 'low' END AS band FROM emp;
-- name: simple_case
SELECT id, CASE dept_id WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS d FROM emp;
-- name: casts
SELECT CAST(emp.id AS VARCHAR) || '-' || name AS label, CAST(salary AS DOUBLE) AS s, CAST(qty AS DECIMAL(10, 2)) AS q, CAST('2024-01-05' AS DATE) AS d FROM emp JOIN sales ON sales.emp_id = emp.id;
-- name: cast_text_to_number
SELECT CAST('42' AS INTEGER) + id AS n, CAST('1.5' AS DECIMAL(5, 2)) * 2 AS m FROM dept;
-- name: date_interval_arithmetic
SELECT id, CAST(hired + INTERVAL '30' DAY AS DATE) AS plus30, CAST(hired - INTERVAL '1' YEAR AS DATE) AS minus1y, CAST(hired + INTERVAL '2' MONTH AS DATE) AS plus2m FROM emp WHERE hired >= DATE '2020-01-01';
-- name: date_comparison_with_folded_interval
SELECT COUNT(*) AS n FROM sales WHERE sale_day < DATE '2024-03-01' + INTERVAL '10' DAY;
-- name: extract
SELECT id, EXTRACT(YEAR FROM hired) AS y, EXTRACT(MONTH FROM hired) AS m, EXTRACT(DAY FROM hired) AS d, EXTRACT(QUARTER FROM hired) AS q FROM emp;
-- name: string_functions
SELECT UPPER(name) AS u, LOWER(name) AS l, SUBSTRING(name FROM 2 FOR 3) AS sub, CHAR_LENGTH(name) AS len, TRIM('  ' || name || '  ') AS t, POSITION('a' IN name) AS pos, REPLACE(name, 'a', 'o') AS r FROM emp;
-- name: like
SELECT name FROM emp WHERE name LIKE 'A%' OR name NOT LIKE '%e%';
-- name: ilike
SELECT name FROM emp WHERE name ILIKE 'a%' OR name NOT ILIKE '%E%' OR name ILIKE '_O%';
-- name: null_handling
SELECT id, COALESCE(bonus, 0) AS b, NULLIF(dept_id, 1) AS d, bonus IS NULL AS no_bonus, manager_id IS NOT NULL AS managed FROM emp;
-- name: between_and_in_list
SELECT id FROM sales WHERE sale_day BETWEEN DATE '2024-02-01' AND DATE '2024-03-31' AND qty IN (1, 3, 5, 7);
-- name: boolean_logic
SELECT id FROM emp WHERE (dept_id = 1 OR bonus > 100) AND NOT (salary < 1500);
-- name: math_functions
SELECT id, ABS(-salary) AS a, ROUND(salary / 7, 2) AS r, MOD(id, 3) AS m FROM emp;
-- name: row_number
SELECT id, ROW_NUMBER() OVER (PARTITION BY dept_id ORDER BY salary DESC, id) AS rn FROM emp;
-- name: rank_and_dense_rank
SELECT id, RANK() OVER (ORDER BY dept_id) AS r, DENSE_RANK() OVER (ORDER BY dept_id) AS dr FROM emp;
-- name: sum_over_partition
SELECT id, SUM(salary) OVER (PARTITION BY dept_id) AS dept_total, SUM(salary) OVER (PARTITION BY dept_id ORDER BY id) AS run_total FROM emp;
-- name: window_rows_frame
SELECT id, SUM(qty) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair, COUNT(*) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS c FROM sales;
-- name: window_over_aggregate
SELECT dept_id, SUM(salary) AS total, RANK() OVER (ORDER BY SUM(salary) DESC) AS r FROM emp GROUP BY dept_id;
-- name: values
VALUES (1, 'a'), (2, 'b'), (3, NULL);
-- name: with_cte
WITH t AS (SELECT dept_id, SUM(salary) AS s FROM emp GROUP BY dept_id) SELECT d.name, t.s FROM t JOIN dept d ON d.id = t.dept_id;
-- name: derived_table_and_having_subquery
SELECT dept_id, total FROM (SELECT dept_id, SUM(salary) AS total FROM emp GROUP BY dept_id) t WHERE total > (SELECT AVG(salary) * 2 FROM emp);
-- name: quoted_identifiers_and_case
SELECT "name", ID FROM EMP WHERE Dept_Id = 2;
-- name: decimal_division_is_double
SELECT id, salary / 3 AS third, SUM(salary) OVER () / 12 AS share FROM emp;
-- name: lag_lead_first_value
SELECT id, LAG(qty) OVER (ORDER BY id) AS prev_qty, LEAD(qty, 2) OVER (ORDER BY id) AS next2, FIRST_VALUE(qty) OVER (PARTITION BY emp_id ORDER BY id) AS first_qty FROM sales;
-- name: ntile
SELECT id, NTILE(4) OVER (ORDER BY salary, id) AS quartile FROM emp;
-- name: fetch_first
SELECT id FROM emp ORDER BY id OFFSET 3 ROWS FETCH NEXT 4 ROWS ONLY;
-- name: explicit_nulls_first
SELECT id, manager_id FROM emp ORDER BY manager_id DESC NULLS FIRST, id;
-- name: exists_with_extra_condition
SELECT name FROM emp e WHERE EXISTS (SELECT 1 FROM sales s WHERE s.emp_id = e.id AND s.amount > 500);
-- name: subquery_in_or
SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE region = 'US') OR salary > 4000;
-- name: exists_in_select
SELECT name, CASE WHEN EXISTS (SELECT 1 FROM sales s WHERE s.emp_id = e.id) THEN 'seller' ELSE 'other' END AS kind FROM emp e;
-- name: having_count_distinct
SELECT emp_id, COUNT(DISTINCT qty) AS qtys FROM sales GROUP BY emp_id HAVING COUNT(DISTINCT qty) > 1;
-- name: nested_aggregate_subquery
SELECT MAX(total) AS best FROM (SELECT emp_id, SUM(amount) AS total FROM sales GROUP BY emp_id) t;
-- name: union_all_then_aggregate
SELECT kind, COUNT(*) AS n FROM (SELECT 'emp' AS kind, id FROM emp UNION ALL SELECT 'dept' AS kind, id FROM dept) u GROUP BY kind;
-- name: left_join_with_filter_on_right
SELECT d.name, COUNT(e.id) AS n FROM dept d LEFT JOIN emp e ON e.dept_id = d.id AND e.salary > 2000 GROUP BY d.name;
-- name: in_list_of_strings
SELECT id FROM emp WHERE name IN ('Alice', 'Bob', 'Zed') OR name NOT IN ('Carol', 'Dave', 'Eve', 'Frank', 'Grace');
-- name: date_difference_and_comparison
SELECT id FROM emp WHERE hired < DATE '2020-01-01' AND hired > DATE '2017-01-01';
-- name: concat_with_number
SELECT name || ' earns ' || CAST(salary AS VARCHAR) AS line FROM emp WHERE dept_id = 3;
-- name: stddev_and_variance
SELECT dept_id, STDDEV_SAMP(salary) AS sd, VAR_POP(qty) AS vp, STDDEV_POP(qty) AS sdp, VAR_SAMP(salary) AS vs FROM emp JOIN sales ON sales.emp_id = emp.id GROUP BY dept_id;
-- name: join_keys_of_different_types_and_expressions
SELECT e.name, s.id AS sale, d.name AS dept FROM emp e JOIN sales s ON s.id = e.id JOIN dept d ON e.dept_id + 1 = d.id;
-- name: multiple_count_distinct_with_null_group
SELECT dept_id, COUNT(DISTINCT manager_id) AS managers, COUNT(DISTINCT bonus) AS bonuses, COUNT(*) AS n FROM emp GROUP BY dept_id;
-- name: correlated_count_over_nullable_key
SELECT e.id, (SELECT COUNT(*) FROM emp e2 WHERE e2.dept_id = e.dept_id) AS peers FROM emp e;
-- name: rollup_with_grouping
SELECT dept_id, manager_id, count(*) AS n, sum(salary) AS total, avg(salary) AS mean, GROUPING(dept_id) AS gd, GROUPING(dept_id, manager_id) AS g FROM emp GROUP BY ROLLUP(dept_id, manager_id) ORDER BY dept_id NULLS LAST, manager_id NULLS LAST, g;
-- name: cube
SELECT dept_id, hired > DATE '2020-01-01' AS recent, count(*) AS n, max(name) AS last_name FROM emp GROUP BY CUBE(dept_id, hired > DATE '2020-01-01') ORDER BY dept_id NULLS FIRST, recent NULLS FIRST, n;
-- name: grouping_sets_having
SELECT d.region, e.dept_id, count(*) AS n, GROUPING(d.region) AS gr FROM emp e JOIN dept d ON e.dept_id = d.id GROUP BY GROUPING SETS ((d.region), (e.dept_id), ()) HAVING count(*) > 1 ORDER BY gr, d.region NULLS LAST, e.dept_id NULLS LAST;
-- name: null_constants
SELECT id, CAST(NULL AS VARCHAR) AS s, CAST(NULL AS BIGINT) AS b, CAST(NULL AS DECIMAL(10, 2)) AS d, CAST(NULL AS DATE) AS no_day FROM emp ORDER BY id;
-- name: timestampdiff_whole_units
-- duckdb: SELECT id, datesub('day', hired, DATE '2024-03-31') AS days, datesub('month', hired, DATE '2024-03-31') AS months, datesub('quarter', hired, DATE '2024-03-31') AS quarters, datesub('year', hired, DATE '2024-03-31') AS years, datesub('week', hired, DATE '2024-03-31') AS weeks FROM emp ORDER BY id;
SELECT id, TIMESTAMPDIFF(DAY, hired, DATE '2024-03-31') AS days, TIMESTAMPDIFF(MONTH, hired, DATE '2024-03-31') AS months, TIMESTAMPDIFF(QUARTER, hired, DATE '2024-03-31') AS quarters, TIMESTAMPDIFF(YEAR, hired, DATE '2024-03-31') AS years, TIMESTAMPDIFF(WEEK, hired, DATE '2024-03-31') AS weeks FROM emp ORDER BY id;
-- name: timestampdiff_months_across_month_ends
-- duckdb: SELECT s.id, e.id AS emp, datesub('month', e.hired, s.sale_day) AS months FROM sales s JOIN emp e ON e.id = s.emp_id ORDER BY s.id;
SELECT s.id, e.id AS emp, TIMESTAMPDIFF(MONTH, e.hired, s.sale_day) AS months FROM sales s JOIN emp e ON e.id = s.emp_id ORDER BY s.id;
-- name: timestampdiff_of_timestamps
-- duckdb: SELECT id, datesub('hour', CAST(hired AS TIMESTAMP), CAST(DATE '2024-03-31' AS TIMESTAMP) + INTERVAL 90 MINUTE) AS hours, datesub('minute', CAST(hired AS TIMESTAMP) + INTERVAL 30 SECOND, CAST(DATE '2024-03-31' AS TIMESTAMP)) AS minutes, datesub('month', CAST(hired AS TIMESTAMP) + INTERVAL 2 HOUR, CAST(DATE '2024-03-31' AS TIMESTAMP)) AS months FROM emp ORDER BY id;
SELECT id, TIMESTAMPDIFF(HOUR, CAST(hired AS TIMESTAMP), CAST(DATE '2024-03-31' AS TIMESTAMP) + INTERVAL '90' MINUTE) AS hours, TIMESTAMPDIFF(MINUTE, CAST(hired AS TIMESTAMP) + INTERVAL '30' SECOND, CAST(DATE '2024-03-31' AS TIMESTAMP)) AS minutes, TIMESTAMPDIFF(MONTH, CAST(hired AS TIMESTAMP) + INTERVAL '2' HOUR, CAST(DATE '2024-03-31' AS TIMESTAMP)) AS months FROM emp ORDER BY id;
-- name: interval_between_dates_as_a_number
-- duckdb: SELECT id, DATE '2024-03-31' - hired AS days FROM emp WHERE DATE '2024-03-31' - hired > 1500 ORDER BY id;
SELECT id, CAST((DATE '2024-03-31' - hired) DAY AS INTEGER) AS days FROM emp WHERE CAST((DATE '2024-03-31' - hired) DAY AS INTEGER) > 1500 ORDER BY id;
-- name: timestampadd
-- duckdb: SELECT id, CAST(hired + INTERVAL 1 MONTH AS DATE) AS next_month, CAST(hired + INTERVAL 3 MONTH AS DATE) AS next_quarter, CAST(hired + INTERVAL 14 DAY AS DATE) AS two_weeks, CAST(hired AS TIMESTAMP) + INTERVAL 36 HOUR AS later FROM emp ORDER BY id;
SELECT id, TIMESTAMPADD(MONTH, 1, hired) AS next_month, TIMESTAMPADD(QUARTER, 1, hired) AS next_quarter, TIMESTAMPADD(WEEK, 2, hired) AS two_weeks, TIMESTAMPADD(HOUR, 36, CAST(hired AS TIMESTAMP)) AS later FROM emp ORDER BY id;
-- name: range_frame_numeric_offsets
SELECT id, salary, sum(salary) OVER (ORDER BY salary RANGE BETWEEN 1000 PRECEDING AND 500 FOLLOWING) AS near, count(*) OVER (ORDER BY salary DESC RANGE BETWEEN 1000 PRECEDING AND CURRENT ROW) AS above, max(name) OVER (ORDER BY salary RANGE BETWEEN 0.5 PRECEDING AND 0.5 FOLLOWING) AS peer FROM emp ORDER BY id;
-- name: range_frame_date_offsets_by_partition
SELECT id, emp_id, sale_day, count(*) OVER (PARTITION BY emp_id ORDER BY sale_day RANGE BETWEEN INTERVAL '10' DAY PRECEDING AND INTERVAL '10' DAY FOLLOWING) AS nearby, sum(amount) OVER (PARTITION BY emp_id ORDER BY sale_day DESC RANGE BETWEEN CURRENT ROW AND INTERVAL '1' MONTH FOLLOWING) AS month_before FROM sales ORDER BY id;
-- name: range_frame_following_only
SELECT id, qty, min(amount) OVER (ORDER BY qty RANGE BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS lo, avg(amount) OVER (ORDER BY qty RANGE BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING) AS before FROM sales ORDER BY id;
-- name: range_frame_null_keys
SELECT id, manager_id, count(*) OVER (ORDER BY manager_id NULLS FIRST RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS nf, count(*) OVER (ORDER BY manager_id NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS nl, sum(salary) OVER (ORDER BY manager_id DESC NULLS FIRST RANGE BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING) AS df FROM emp ORDER BY id;
-- name: range_frame_year_offsets
SELECT id, hired, count(*) OVER (ORDER BY hired RANGE BETWEEN INTERVAL '2' YEAR PRECEDING AND CURRENT ROW) AS within_two_years FROM emp ORDER BY id;
-- name: casts_round_the_same_folded_or_not
SELECT id, CAST(salary AS INTEGER) AS s, CAST(41.69 AS INTEGER) AS a, CAST(3.5 AS INTEGER) AS b, CAST(-3.5 AS INTEGER) AS c, CAST('12.345' AS DECIMAL(10, 2)) AS d, CAST(1.25 AS DECIMAL(10, 1)) AS e, CAST(-2.675 AS DECIMAL(10, 2)) AS f, CAST(salary AS DECIMAL(10, 0)) AS g FROM emp ORDER BY id;
-- name: double_casts_to_integers
SELECT id, CAST(CAST(salary AS DOUBLE) / 3 AS BIGINT) AS q, CAST(2.4E0 AS INTEGER) AS r FROM emp ORDER BY id;
-- name: semi_join_with_duplicates_and_residual
SELECT e.id, e.name FROM emp e WHERE EXISTS (SELECT 1 FROM sales s WHERE s.emp_id = e.id AND s.qty > 5) ORDER BY e.id;
-- name: anti_join_with_correlated_residual
SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.emp_id = e.id AND s.amount > e.salary / 10) ORDER BY e.id;
-- name: in_with_nullable_keys
SELECT id FROM emp WHERE manager_id IN (SELECT id FROM emp WHERE dept_id = 1 OR dept_id IS NULL) ORDER BY id;
-- name: not_exists_and_exists_together
SELECT d.id FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) AND NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id AND e.salary > 5000) ORDER BY d.id;
-- name: date_trunc_and_floor_to_unit
-- duckdb: SELECT id, CAST(date_trunc('month', hired) AS DATE) AS m, CAST(date_trunc('week', hired) AS DATE) AS w, CAST(date_trunc('quarter', hired) AS DATE) AS q, CAST(date_trunc('year', hired) AS DATE) AS y, date_trunc('hour', CAST(hired AS TIMESTAMP) + INTERVAL 90 MINUTE) AS h, date_trunc('minute', CAST(hired AS TIMESTAMP) + INTERVAL 90 SECOND) AS mi FROM emp ORDER BY id;
SELECT id, DATE_TRUNC('month', hired) AS m, DATE_TRUNC('week', hired) AS w, DATE_TRUNC('quarter', hired) AS q, FLOOR(hired TO YEAR) AS y, DATE_TRUNC('hour', CAST(hired AS TIMESTAMP) + INTERVAL '90' MINUTE) AS h, FLOOR(CAST(hired AS TIMESTAMP) + INTERVAL '90' SECOND TO MINUTE) AS mi FROM emp ORDER BY id;
-- name: left_right_pad_concat
SELECT id, LEFT(name, 3) AS l, RIGHT(name, 2) AS r, LEFT(name, -2) AS l_neg, RIGHT(name, -1) AS r_neg, LPAD(name, 6, '*') AS lp, RPAD(name, 4, '.') AS rp, CONCAT(name, CAST(NULL AS VARCHAR), '#', dept_id) AS c FROM emp ORDER BY id;
-- name: grouping_by_truncated_dates
-- duckdb: SELECT CAST(date_trunc('month', sale_day) AS DATE) AS sale_month, count(*) AS n, sum(amount) AS total FROM sales GROUP BY 1 ORDER BY 1;
SELECT DATE_TRUNC('month', sale_day) AS sale_month, count(*) AS n, sum(amount) AS total FROM sales GROUP BY DATE_TRUNC('month', sale_day) ORDER BY 1;
