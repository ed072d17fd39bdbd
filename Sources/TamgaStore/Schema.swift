import GRDB

extension CaseStore {
  /// Numbered, append-only migrations: a shipped migration is never edited, only followed.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("1-ledger-customers-alerts") { db in
      // Times are INTEGER milliseconds since the Unix epoch, UTC; money is INTEGER cents.
      try db.execute(
        sql: """
          CREATE TABLE ingest (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('customers', 'transfers')),
            format TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            head_sha256 TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            rows_accepted INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL,
            alerts_raised INTEGER NOT NULL,
            first_event_at INTEGER,
            last_event_at INTEGER,
            ingested_at INTEGER NOT NULL
          );
          CREATE INDEX ingest_by_head ON ingest(head_sha256, byte_count);

          -- Personal data: full_name, aliases, date_of_birth, nationality, residence, income,
          -- net worth and wallets identify a person. They leave this table only for an analyst.
          CREATE TABLE customer_record (
            customer_id TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            person_type TEXT NOT NULL,
            full_name TEXT NOT NULL,
            aliases TEXT NOT NULL,
            date_of_birth TEXT,
            nationality TEXT NOT NULL,
            residence TEXT NOT NULL,
            client_class TEXT NOT NULL,
            regime TEXT NOT NULL,
            verification TEXT NOT NULL,
            annual_income_cents INTEGER,
            net_worth_cents INTEGER,
            pep_declared INTEGER NOT NULL,
            risk_rating TEXT NOT NULL,
            wallets TEXT NOT NULL,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id),
            PRIMARY KEY (customer_id, recorded_at)
          ) WITHOUT ROWID;

          CREATE TABLE alert (
            id TEXT PRIMARY KEY,
            rule_id TEXT NOT NULL,
            severity TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            event_at INTEGER NOT NULL,
            summary TEXT NOT NULL,
            explanation TEXT NOT NULL,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id)
          );
          CREATE INDEX alert_by_time ON alert(event_at, id);
          CREATE INDEX alert_by_customer ON alert(customer_id, event_at);

          CREATE TABLE rejection (
            id INTEGER PRIMARY KEY,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id),
            file TEXT NOT NULL,
            line INTEGER NOT NULL,
            column_name TEXT,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            raw BLOB NOT NULL
          );
          CREATE INDEX rejection_by_ingest ON rejection(ingest_id);

          -- The engine's state after the last committed file, so the next run carries on; in
          -- parts, so a transfers file rewrites only the rules' part, not the customer book.
          CREATE TABLE engine_state (
            part TEXT PRIMARY KEY,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id),
            format INTEGER NOT NULL,
            state BLOB NOT NULL
          );
          """)
    }
    return migrator
  }
}
