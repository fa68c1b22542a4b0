import GRDB
import TemoinStorage

/// SQLite failures said as `VaultError`s a person can act on (disk full, read-only place, already open).
///
/// The desk vault and the team inbox both keep their index in SQLite, so they share this one mapping.
public enum DatabaseFailure {
    /// `error` as the matching `VaultError` about the database in `path` when it is a database error; else unchanged.
    public static func translate(_ error: Error, path: String) -> Error {
        guard let e = error as? DatabaseError else { return error }
        switch e.resultCode {
        case .SQLITE_FULL: return VaultError.diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return VaultError.notWritable(path: path, reason: e.message.map(FileProblem.database) ?? .readOnly)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return VaultError.alreadyOpen(path: path)
        case .SQLITE_IOERR: return VaultError.notWritable(path: path, reason: .inputOutput(e.message ?? "disk"))
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return VaultError.damaged(path: path)
        default: return VaultError.database(code: e.resultCode.rawValue, message: e.message ?? "\(e)")
        }
    }
}
