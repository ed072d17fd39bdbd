import Foundation
import TamgaModel
import GRDB

extension CaseStore {
  /// Numbered, append-only migrations: a shipped migration is never edited, only followed.
  static var migrator: DatabaseMigrator { migrator(clock: wallClock) }

  /// The migrations; `clock` dates the event that starts the audit chain.
  static func migrator(clock: @escaping @Sendable () -> Timestamp) -> DatabaseMigrator {
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
    migrator.registerMigration("2-list-snapshots-screening") { db in
      try db.execute(
        sql: """
          -- One row per `tamga lists load`: where the list came from, its fingerprint and what
          -- changed against the previous snapshot of the same name.
          CREATE TABLE list_snapshot (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            format TEXT NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('sanctions', 'pep', 'watchlist')),
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            entry_count INTEGER NOT NULL,
            address_count INTEGER NOT NULL,
            rejection_count INTEGER NOT NULL,
            previous_id INTEGER REFERENCES list_snapshot(id),
            added_count INTEGER NOT NULL,
            changed_count INTEGER NOT NULL,
            removed_count INTEGER NOT NULL,
            customers_screened INTEGER NOT NULL,
            alerts_raised INTEGER NOT NULL,
            loaded_at INTEGER NOT NULL
          );
          CREATE INDEX list_snapshot_by_name ON list_snapshot(name, id);

          -- Entry contents, once per distinct fingerprint: consecutive snapshots of a list share
          -- almost every entry, so each snapshot stores only references.
          CREATE TABLE list_entry_content (
            fingerprint TEXT PRIMARY KEY,
            body TEXT NOT NULL
          ) WITHOUT ROWID;

          CREATE TABLE list_entry (
            snapshot_id INTEGER NOT NULL REFERENCES list_snapshot(id),
            position INTEGER NOT NULL,
            list TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL REFERENCES list_entry_content(fingerprint),
            PRIMARY KEY (snapshot_id, position)
          ) WITHOUT ROWID;

          -- The wallet addresses of each snapshot's entries, with what an address alert names:
          -- a transfers file builds its address book from these rows, never decoding entries.
          CREATE TABLE list_address (
            snapshot_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            address_index INTEGER NOT NULL,
            entry_name TEXT NOT NULL,
            programs TEXT NOT NULL,
            chain TEXT NOT NULL,
            asset TEXT,
            original TEXT NOT NULL,
            normalized TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, position, address_index),
            FOREIGN KEY (snapshot_id, position) REFERENCES list_entry(snapshot_id, position)
          ) WITHOUT ROWID;

          CREATE TABLE list_rejection (
            snapshot_id INTEGER NOT NULL REFERENCES list_snapshot(id),
            file TEXT NOT NULL,
            line INTEGER NOT NULL,
            column_number INTEGER,
            reason TEXT NOT NULL
          );

          -- An analyst's decision that a customer is not the listed party. It holds while the
          -- entry keeps this fingerprint; an amended entry is screened afresh.
          CREATE TABLE screening_clearance (
            customer_id TEXT NOT NULL,
            list TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            analyst TEXT NOT NULL,
            reason TEXT NOT NULL,
            cleared_at INTEGER NOT NULL,
            PRIMARY KEY (customer_id, list, entry_id)
          ) WITHOUT ROWID;

          -- Alerts raised by a list load (a re-screen) belong to no ingested file: the alert
          -- table is rebuilt with ingest_id optional and the snapshot that raised it.
          CREATE TABLE alert_new (
            id TEXT PRIMARY KEY,
            rule_id TEXT NOT NULL,
            severity TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            event_at INTEGER NOT NULL,
            summary TEXT NOT NULL,
            explanation TEXT NOT NULL,
            ingest_id INTEGER REFERENCES ingest(id),
            list_snapshot_id INTEGER REFERENCES list_snapshot(id),
            CHECK (ingest_id IS NOT NULL OR list_snapshot_id IS NOT NULL)
          );
          INSERT INTO alert_new (id, rule_id, severity, customer_id, event_at, summary, explanation, ingest_id)
            SELECT id, rule_id, severity, customer_id, event_at, summary, explanation, ingest_id FROM alert;
          DROP TABLE alert;
          ALTER TABLE alert_new RENAME TO alert;
          CREATE INDEX alert_by_time ON alert(event_at, id);
          CREATE INDEX alert_by_customer ON alert(customer_id, event_at);
          """)
    }
    migrator.registerMigration("3-exposure-labels") { db in
      try db.execute(
        sql: """
          -- Address labels are loaded as snapshots with the purpose 'exposure': the snapshot
          -- table is rebuilt with the wider CHECK (SQLite cannot alter one), rows kept as they are.
          CREATE TABLE list_snapshot_new (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            format TEXT NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('sanctions', 'pep', 'watchlist', 'exposure')),
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            entry_count INTEGER NOT NULL,
            address_count INTEGER NOT NULL,
            rejection_count INTEGER NOT NULL,
            previous_id INTEGER REFERENCES list_snapshot(id),
            added_count INTEGER NOT NULL,
            changed_count INTEGER NOT NULL,
            removed_count INTEGER NOT NULL,
            customers_screened INTEGER NOT NULL,
            alerts_raised INTEGER NOT NULL,
            loaded_at INTEGER NOT NULL
          );
          INSERT INTO list_snapshot_new SELECT * FROM list_snapshot;
          DROP TABLE list_snapshot;
          ALTER TABLE list_snapshot_new RENAME TO list_snapshot;
          CREATE INDEX list_snapshot_by_name ON list_snapshot(name, id);
          """)
    }
    migrator.registerMigration("4-travel-rule-chain-edges") { db in
      try db.execute(
        sql: """
          -- Two more kinds of ingested file: Travel Rule records and chain-edge files. The ledger
          -- is rebuilt with the wider CHECK (SQLite cannot alter one), rows and ids kept.
          CREATE TABLE ingest_new (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('customers', 'transfers', 'travel_rule', 'chain_edges')),
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
          INSERT INTO ingest_new SELECT * FROM ingest;
          DROP TABLE ingest;
          ALTER TABLE ingest_new RENAME TO ingest;
          CREATE INDEX ingest_by_head ON ingest(head_sha256, byte_count);

          -- Personal data: the IVMS101 payload names and identifies both parties. A later message
          -- for the same transfer supersedes the earlier one (a corrected resend). `problems` is
          -- the JSON array of what the standard and the Travel Rule found missing, without values.
          CREATE TABLE travel_rule_message (
            transfer_id TEXT PRIMARY KEY,
            sent_at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            problems TEXT NOT NULL,
            originator_accounts TEXT NOT NULL,
            beneficiary_accounts TEXT NOT NULL,
            line INTEGER NOT NULL,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id),
            matched_ingest_id INTEGER REFERENCES ingest(id)
          ) WITHOUT ROWID;
          CREATE INDEX travel_rule_message_unmatched ON travel_rule_message(matched_ingest_id, transfer_id);

          -- How a customer proved control of a self-hosted wallet (a signed message, a test
          -- transfer). `address_key` is the address as matched (EVM hex lower-cased).
          CREATE TABLE wallet_ownership_proof (
            customer_id TEXT NOT NULL,
            address_key TEXT NOT NULL,
            chain TEXT NOT NULL,
            address TEXT NOT NULL,
            method TEXT NOT NULL,
            verified_at INTEGER NOT NULL,
            line INTEGER NOT NULL,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id),
            PRIMARY KEY (customer_id, address_key)
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("5-miner-declarations") { db in
      try db.execute(
        sql: """
          -- Licensed digital miners: the licence on a customer's record, and their declarations of
          -- output, checked against their sales. The ledger is rebuilt for the new kind of file.
          ALTER TABLE customer_record ADD COLUMN mining_licence TEXT;

          CREATE TABLE ingest_new (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('customers', 'transfers', 'travel_rule', 'chain_edges', 'miner_declarations')),
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
          INSERT INTO ingest_new SELECT * FROM ingest;
          DROP TABLE ingest;
          ALTER TABLE ingest_new RENAME TO ingest;
          CREATE INDEX ingest_by_head ON ingest(head_sha256, byte_count);

          -- Amounts are decimal text in base units: 18-decimal assets overflow SQLite's integers.
          -- A declaration is checked once, when a transfers file shows its period has ended
          -- (`checked_ingest_id`); a correction, declared later, is a row of its own.
          CREATE TABLE miner_declaration (
            customer_id TEXT NOT NULL,
            asset TEXT NOT NULL,
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL,
            declared_at INTEGER NOT NULL,
            period_ends_at INTEGER NOT NULL,
            mined_base_units TEXT NOT NULL,
            sold_elsewhere_base_units TEXT NOT NULL,
            decimals INTEGER NOT NULL,
            line INTEGER NOT NULL,
            ingest_id INTEGER NOT NULL REFERENCES ingest(id),
            checked_ingest_id INTEGER REFERENCES ingest(id),
            PRIMARY KEY (customer_id, asset, period_start, period_end, declared_at)
          ) WITHOUT ROWID;
          CREATE INDEX miner_declaration_unchecked ON miner_declaration(checked_ingest_id, period_ends_at);
          """)
    }
    migrator.registerMigration("6-cases-audit-chain") { db in
      try db.execute(
        sql: """
          -- A case: one customer's alerts grouped for one investigation. The row is the case as it
          -- stands; how it got there is its audit events. `version` counts its changes, so a
          -- command acting on a stale read is refused instead of overwriting.
          CREATE TABLE case_file (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'pending_approval', 'closed')),
            priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
            highest_severity TEXT NOT NULL,
            alert_count INTEGER NOT NULL,
            opened_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            first_event_at INTEGER NOT NULL,
            last_event_at INTEGER NOT NULL,
            assignee TEXT,
            escalations INTEGER NOT NULL,
            freeze_recommended INTEGER NOT NULL,
            proposed_disposition TEXT,
            proposed_reason TEXT,
            proposed_by TEXT,
            proposed_report TEXT,
            disposition TEXT,
            decision_reason TEXT,
            prepared_by TEXT,
            approved_by TEXT,
            approval_reason TEXT,
            report_decision TEXT,
            closed_at INTEGER,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
          );
          -- The queue reads undecided cases in priority and due order; the escalation finds a
          -- customer's undecided case; an analyst's own work by assignee.
          CREATE INDEX case_queue ON case_file(status, priority, due_at, id);
          CREATE INDEX case_by_customer ON case_file(customer_id, status, last_event_at);
          CREATE INDEX case_by_assignee ON case_file(assignee, status, priority, due_at);

          CREATE TABLE case_alert (
            case_id INTEGER NOT NULL REFERENCES case_file(id),
            alert_id TEXT NOT NULL REFERENCES alert(id),
            PRIMARY KEY (case_id, alert_id)
          ) WITHOUT ROWID;

          -- Evidence an analyst attached, kept in the store so the case travels whole.
          CREATE TABLE case_attachment (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES case_file(id),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            content BLOB NOT NULL,
            attached_by TEXT NOT NULL,
            attached_at INTEGER NOT NULL
          );
          CREATE INDEX case_attachment_by_case ON case_attachment(case_id);

          -- Every change to a case or to the alerts is an event here, never updated, carrying
          -- the hash of the one before (see AuditChain). `state` is the case's audited fields
          -- after the change, so an edited case row shows against its last event.
          CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY,
            recorded_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id INTEGER REFERENCES case_file(id),
            details TEXT NOT NULL,
            state TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          );
          CREATE INDEX audit_event_by_case ON audit_event(case_id, id);

          -- Where the chain starts after a retention purge removed its oldest events, and the
          -- time before which records may be purged at all.
          CREATE TABLE retention (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            purge_before INTEGER NOT NULL,
            anchor_event_id INTEGER NOT NULL,
            anchor_hash TEXT NOT NULL
          );
          INSERT INTO retention VALUES (1, 0, 0, '\(AuditChain.genesisHash)');

          -- The store itself refuses edits and early deletes; the chain catches whoever
          -- drops these triggers first.
          CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_event
          BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
          CREATE TRIGGER audit_event_kept BEFORE DELETE ON audit_event
            WHEN old.recorded_at >= (SELECT purge_before FROM retention WHERE id = 1)
          BEGIN SELECT RAISE(ABORT, 'audit events are kept for the retention period'); END;
          CREATE TRIGGER alert_kept BEFORE DELETE ON alert
            WHEN old.event_at >= (SELECT purge_before FROM retention WHERE id = 1)
          BEGIN SELECT RAISE(ABORT, 'alerts are kept for the retention period'); END;
          CREATE TRIGGER case_file_kept BEFORE DELETE ON case_file
            WHEN old.closed_at IS NULL OR old.closed_at >= (SELECT purge_before FROM retention WHERE id = 1)
          BEGIN SELECT RAISE(ABORT, 'cases are kept for the retention period'); END;
          """)
      // The chain starts here; alerts stored before it are vouched for by nothing, and say so.
      try AuditChain.recordChainStart(db, at: clock())
    }
    return migrator
  }
}
