-- The order of account names in the console's tables, in SQL. The overview sorted its
-- accounts in JavaScript, ties broken by `name.localeCompare(other)`: ICU's root collation
-- (case and accents as secondary and tertiary differences, punctuation before digits before
-- letters), where PostgreSQL's default collation is whatever initdb found in the environment
-- (byte order under C.UTF-8). Now that the tables are sorted and cut in SQL, a page must hold
-- the rows the JavaScript order put there, so the tie is `name COLLATE locale_compare`.
--
-- Nondeterministic: two names ICU deems equal (a precomposed and a decomposed accent)
-- compare equal, as localeCompare answers 0, so the next tie-breaker (the account id)
-- decides, not their bytes. tests/overview-reads.int.test.ts checks the order against
-- localeCompare on names that differ in case, accents, punctuation, digits and scripts.
-- Needs a PostgreSQL built with ICU (the embedded one is; so are the common distributions').

-- Up Migration

CREATE COLLATION locale_compare (provider = icu, locale = 'und', deterministic = false);

-- Down Migration

DROP COLLATION locale_compare;
