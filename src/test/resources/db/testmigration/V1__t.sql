-- Test-only migration for DatabaseTest (not the application's schema).
CREATE TABLE t (
  id      BIGINT       NOT NULL PRIMARY KEY,
  balance BIGINT       NOT NULL,
  name    VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO t (id, balance, name) VALUES (1, 0, '张三');
