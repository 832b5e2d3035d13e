-- 006-login.sql: failed logins slow the next try down and lock the account, whoever
-- asks (the console, the command line, any later front end): issue 9 C.
--
-- user.failures already counts the failed logins in a row; failed_at is when the last
-- one was, in seconds since 1970-01-01 UTC (NULL: none since the last good login).
-- The next try waits until failed_at plus the wait of that many failures, and an
-- account whose failures reached the setting login.lock_after is locked until an
-- administrator unlocks it (which sets failures back to 0).
ALTER TABLE user ADD COLUMN failed_at INTEGER;
