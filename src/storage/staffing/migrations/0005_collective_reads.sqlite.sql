-- A collective reads its members' shared positions as far as each party shares its staffing
-- with it (domain/staffing/collective.h decides). SQLite has no row-level security: the
-- PostgreSQL twin of this migration opens the rows to the database as well; nothing to change
-- here.
SELECT 1;
