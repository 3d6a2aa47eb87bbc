-- The accounts list sorts and searches by the name in lower case under ICU
-- (lower(name COLLATE "und-x-icu")). Computed on every row of every request, it was about
-- 1 ms of PostgreSQL's 3 ms for a page of the list at 500 accounts. A trigger keeps it in a
-- column, whoever writes the row (Prisma, the collectors' SQL, imports); the list reads it.

-- Up Migration

ALTER TABLE accounts ADD COLUMN name_sort_key text;

CREATE FUNCTION accounts_set_name_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_sort_key := lower(NEW.name COLLATE "und-x-icu");
  RETURN NEW;
END $$;

-- OF name_sort_key too: a write of the column itself is overruled.
CREATE TRIGGER accounts_set_name_sort_key BEFORE INSERT OR UPDATE OF name, name_sort_key ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_set_name_sort_key();

-- The existing rows, through the trigger (the expression has one home).
UPDATE accounts SET name_sort_key = NULL;

-- Down Migration

DROP TRIGGER accounts_set_name_sort_key ON accounts;
DROP FUNCTION accounts_set_name_sort_key();
ALTER TABLE accounts DROP COLUMN name_sort_key;
