import Crypto
import Foundation
import SignpostEvents
import GRDB

/// A key store in one SQLite file (WAL mode), shareable by several processes on one machine.
///
/// Tables: `data_key` (subject, key_id, wrapped_key, created_at), `erasure` (subject,
/// erased_at) and `keystore_meta` (a check value proving which master key the file belongs to,
/// so a wrong master key fails at open with `wrongMasterKey`). Erasure deletes the key's row
/// with `secure_delete` on and truncates the WAL, so the wrapped key does not linger on disk.
public final class SQLiteKeyStore: KeyStore {
    /// The file's path.
    public let path: String
    private let masterKey: MasterKey
    private let pool: DatabasePool

    private static let checkName = "master_key_check"
    private static let checkPlaintext = Data("signpost-keystore-master-key-check-v1".utf8)

    /// Opens the store at `path`, creating the file, its folder and its tables when missing.
    /// Throws `wrongMasterKey` when the file was created with another master key.
    public init(path: String, masterKey: MasterKey) throws(SealingError) {
        self.path = path
        self.masterKey = masterKey
        var config = Configuration()
        config.busyMode = .timeout(10)
        // Look-ups are single-row reads by primary key: two readers and a small page cache per
        // connection (SQLite's default is 2 MB each, GRDB's pool has five readers) serve them, and
        // the operating system caches the file itself.
        config.maximumReaderCount = 2
        config.prepareDatabase { db in
            // Deleted content is overwritten with zeros rather than left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = -512")
        }
        // Several processes may open a new file at the same moment (a redactor and a referral
        // service starting together): switching it to WAL and migrating need a lock the busy
        // timeout does not always wait for, so a failed open is retried for up to 10 s.
        var attempt = 0
        while true {
            do {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let opened = try DatabasePool(path: path, configuration: config)
                try Self.migrator.migrate(opened)
                pool = opened
                break
            } catch {
                attempt += 1
                guard attempt < 100 else { throw .storage("cannot open \(path): \(error)") }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        try checkMasterKey()
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "data_key") { t in
                t.primaryKey("subject", .text)
                t.column("key_id", .text).notNull().unique()
                t.column("wrapped_key", .blob).notNull()
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "erasure") { t in
                t.primaryKey("subject", .text)
                t.column("erased_at", .datetime).notNull()
            }
            try db.create(table: "keystore_meta") { t in
                t.primaryKey("name", .text)
                t.column("value", .blob).notNull()
            }
        }
        return migrator
    }

    /// Stores the check value on first open; afterwards, proves the master key opens it.
    private func checkMasterKey() throws(SealingError) {
        let candidate: Data
        do {
            guard let combined = try AES.GCM.seal(Self.checkPlaintext, using: masterKey.symmetricKey,
                                                  authenticating: Data(Self.checkName.utf8)).combined else {
                throw SealingError.storage("AES-GCM gave no combined output")
            }
            candidate = combined
        } catch let error as SealingError {
            throw error
        } catch {
            throw .storage("cannot seal the master key check: \(error)")
        }
        let stored: Data = try database("check the master key") { pool in
            try pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO keystore_meta (name, value) VALUES (?, ?)", arguments: [Self.checkName, candidate])
                return try Data.fetchOne(db, sql: "SELECT value FROM keystore_meta WHERE name = ?", arguments: [Self.checkName]) ?? Data()
            }
        }
        guard let box = try? AES.GCM.SealedBox(combined: stored),
              let opened = try? AES.GCM.open(box, using: masterKey.symmetricKey, authenticating: Data(Self.checkName.utf8)),
              opened == Self.checkPlaintext else {
            throw .wrongMasterKey(path: path)
        }
    }

    /// The one query of a key look-up.
    private static let selectKey = "SELECT key_id, wrapped_key, created_at FROM data_key WHERE subject = ?"

    public func key(for subject: String) throws(SealingError) -> DataKey? {
        // One statement, so it reads one consistent snapshot without an explicit transaction
        // (`unsafeRead`), through a statement prepared once per connection: every service looks a
        // key up for nearly every record, and the transaction and the statement's preparation
        // cost several times the look-up itself.
        let row = try database("read the key of \(subject)") { pool in
            try pool.unsafeRead { db in try Row.fetchOne(db.cachedStatement(sql: Self.selectKey), arguments: [subject]) }
        }
        return try row.map { row throws(SealingError) in try dataKey(from: row, subject: subject) }
    }

    public func keyCreatingIfNeeded(for subject: String) throws(SealingError) -> DataKey {
        if let existing = try key(for: subject) { return existing }
        let fresh = DataKey.generate(subject: subject)
        let wrapped = try KeyWrap.wrap(fresh, with: masterKey)
        // INSERT OR IGNORE then read back: when two processes race, both end with the winner's key.
        let row = try database("create the key of \(subject)") { pool in
            try pool.write { db in
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO data_key (subject, key_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [subject, fresh.keyId, wrapped, fresh.createdAt])
                return try Row.fetchOne(db.cachedStatement(sql: Self.selectKey), arguments: [subject])
            }
        }
        guard let row else { throw .storage("the key of \(subject) vanished right after it was written") }
        return try dataKey(from: row, subject: subject)
    }

    @discardableResult
    public func erase(subject: String) throws(SealingError) -> Bool {
        let deleted = try database("erase the key of \(subject)") { pool in
            try pool.write { db in
                try db.execute(sql: "DELETE FROM data_key WHERE subject = ?", arguments: [subject])
                let deleted = db.changesCount > 0
                try db.execute(
                    sql: "INSERT INTO erasure (subject, erased_at) VALUES (?, ?) ON CONFLICT(subject) DO UPDATE SET erased_at = excluded.erased_at",
                    arguments: [subject, Date()]
                )
                return deleted
            }
        }
        // Copy the zeroed pages into the file and empty the WAL, which may still hold the
        // wrapped key in older frames. Best effort: a reader in another process can hold the
        // WAL; the next erasure or checkpoint finishes the job.
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return deleted
    }

    public func erasedAt(subject: String) throws(SealingError) -> Date? {
        try database("read the erasure of \(subject)") { pool in
            try pool.unsafeRead { db in try Date.fetchOne(db.cachedStatement(sql: "SELECT erased_at FROM erasure WHERE subject = ?"), arguments: [subject]) }
        }
    }

    public func hasKey(for subject: String) throws(SealingError) -> Bool {
        try database("look up \(subject)") { pool in
            try pool.unsafeRead { db in try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM data_key WHERE subject = ?)"), arguments: [subject]) ?? false }
        }
    }

    public func subjects() throws(SealingError) -> [String] {
        try database("list subjects") { pool in
            try pool.read { db in try String.fetchAll(db, sql: "SELECT subject FROM data_key ORDER BY subject") }
        }
    }

    private func dataKey(from row: Row, subject: String) throws(SealingError) -> DataKey {
        let wrapped: Data = row["wrapped_key"]
        guard let key = KeyWrap.unwrap(wrapped, subject: subject, with: masterKey) else { throw .corruptKey(subject: subject) }
        return DataKey(subject: subject, keyId: row["key_id"], createdAt: row["created_at"], key: key)
    }

    private func database<T>(_ what: String, _ body: (DatabasePool) throws -> T) throws(SealingError) -> T {
        do {
            return try body(pool)
        } catch let error as SealingError {
            throw error
        } catch {
            throw .storage("cannot \(what) in \(path): \(error)")
        }
    }
}
