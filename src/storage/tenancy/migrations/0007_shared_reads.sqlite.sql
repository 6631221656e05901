-- SQLite has no row-level security: the use cases apply the sharing levels (domain/access).
-- This version exists so that both dialects keep the same numbers.
SELECT 1;
