import Foundation
import GRDB
import TemoinStorage

/// SQLite failures said as `VaultError`s a person can act on, named for their true cause.
///
/// The desk vault and the team inbox both keep their index in SQLite, so they share this one mapping.
public enum DatabaseFailure {
    /// `error` as the matching `VaultError` about the database `file` in the folder `path` when it is a
    /// database error; else unchanged. An I/O error is a disk error (never "malformed"); damage is claimed
    /// only when SQLite's own check (`PRAGMA quick_check`) finds it.
    public static func translate(_ error: Error, path: String, file: String) -> Error {
        guard let e = error as? DatabaseError else { return error }
        switch e.resultCode {
        case .SQLITE_FULL: return VaultError.diskFull(path: path)
        case .SQLITE_IOERR: return VaultError.diskError(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return quickCheck(file) == false ? VaultError.damaged(path: path) : VaultError.diskError(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM:
            // SQLite opens a file read-only when opening it for writing fails, whatever the cause: when the
            // folder and the file are writable, that cause was the disk's.
            guard access(path, W_OK) == 0, access(file, W_OK) == 0 else { return VaultError.writing(path, errno: errno) }
            return VaultError.diskError(path: path)
        case .SQLITE_CANTOPEN: return cannotOpen(file, folder: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return VaultError.alreadyOpen(path: path)
        default: return VaultError.database(code: e.resultCode.rawValue, message: e.message ?? "\(e)")
        }
    }

    /// Whether SQLite's `PRAGMA quick_check` finds `file` intact (true), damaged (false), or cannot tell
    /// (nil: the disk fails to read).
    ///
    /// A failing disk makes SQLite report pages as malformed, and the check itself then lists pages it could
    /// not read, or fails as malformed: damage is claimed only when a non-empty file does not start as an
    /// SQLite database, or when three checks find the same problems (or fail the same way), none of them a read
    /// error (`error code=`). A disk that fails now and then does not fail three checks alike.
    public static func quickCheck(_ file: String) -> Bool? {
        func check() -> [String]? {
            // Read-write, as any later opening: SQLite first rolls back a transaction the failing disk interrupted.
            let configuration = Configuration()
            do {
                let queue = try DatabaseQueue(path: file, configuration: configuration)
                return try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                return ["\(error.resultCode)"]
            } catch {
                return nil
            }
        }
        // An empty file is an empty database (SQLite creates it so, and a disk failing right after leaves it so).
        if let header = try? FileSystem.readPrefix(file, count: 16), !header.isEmpty, header != Array("SQLite format 3\0".utf8) { return false }
        var results: [[String]] = []
        for _ in 0..<3 {
            guard let result = check() else { return nil }
            if result == ["ok"] { return true }
            results.append(result)
        }
        guard Set(results).count == 1, !results[0].contains(where: { $0.contains("error code=") }) else { return nil }
        return false
    }

    /// Why SQLite could not open `file`: the errno of opening it ourselves.
    private static func cannotOpen(_ file: String, folder: String) -> VaultError {
        let fd = Glibc.open(file, O_RDWR | O_CLOEXEC)
        let code = fd >= 0 ? EIO : errno   // it opens now: the failure was the disk's
        if fd >= 0 { close(fd) }
        return VaultError.writing(folder, errno: code)
    }
}
