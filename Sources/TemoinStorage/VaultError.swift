import Foundation

/// What can go wrong with the vault, bundles and key files, phrased so that a person can act on it.
public enum VaultError: Error, Equatable, CustomStringConvertible {
    /// No vault exists at this place yet.
    case notFound(path: String)
    /// A vault already exists where a new one was asked for.
    case alreadyExists(path: String)
    /// Another Témoin process holds the vault.
    case alreadyOpen(path: String)
    /// The disk is full.
    case diskFull(path: String)
    /// The disk reported a read or write error (EIO; SQLite's I/O errors).
    case diskError(path: String)
    /// The place is not writable: `errno` says why (EACCES, EROFS, ENOENT…).
    case notWritable(path: String, errno: Int32)
    /// A file could not be read: `errno` says why.
    case unreadable(path: String, errno: Int32)
    /// SQLite's own integrity check found the database damaged.
    case damaged(path: String)
    /// A file that must never be overwritten silently already exists.
    case fileExists(path: String)
    /// The answers cannot be sealed as they are.
    case invalidAnswers([String])
    /// The vault has no team key to seal to.
    case noTeamKey
    /// A bundle failed verification.
    case bundle(BundleProblem)
    /// Retiring this key would leave nothing to seal to.
    case lastTeamKey
    /// Every record was exported already.
    case nothingToExport
    /// The database reported an error.
    case database(String)
    /// The action needs the desk passphrase first.
    case locked
    /// The team keys no longer match their binding to the desk secret: someone changed them without the passphrase.
    case teamKeysChanged
    /// The team keys were never bound to the desk secret (a vault from an earlier version, or the binding was removed).
    case teamKeysUnconfirmed
    /// A new desk passphrase is shorter than the minimum.
    case passphraseTooShort(minimum: Int)
    /// An evidence file cannot be attached as given (`reason` says why and what to do).
    case attachmentRefused(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let p): return "No desk vault at \(p). Create one with `temoin desk init --team-key team.pub`, or point to it with --vault DIR."
        case .alreadyExists(let p): return "A desk vault already exists at \(p); it was left untouched. Use another --vault DIR to create a new one."
        case .alreadyOpen(let p): return "The vault at \(p) is already open in another Témoin window or command. Close it first, then try again."
        case .diskFull(let p): return "The disk holding \(p) is full. Nothing was lost; free some space (or choose another place) and try again."
        case .diskError(let p): return "The disk reported a read/write error on \(p): nothing was sealed or lost by this attempt, and a draft stays a draft. Copy the vault elsewhere and have the disk checked."
        case .notWritable(let p, let code) where Self.isPermission(code):
            return "Cannot write to \(p): \(Self.reason(code)). Choose another place or fix its permissions (a write-protected stick?)."
        case .notWritable(let p, let code): return "Cannot write to \(p): \(Self.reason(code)). Choose another place."
        case .unreadable(let p, let code) where Self.isPermission(code): return "Cannot read \(p): \(Self.reason(code)). Fix its permissions."
        case .unreadable(let p, let code): return "Cannot read \(p): \(Self.reason(code))."
        case .damaged(let p): return "The vault database in \(p) is damaged (database disk image is malformed, found by SQLite's integrity check). Keep a copy of the folder and ask for help before writing to it again."
        case .fileExists(let p): return "\(p) already exists and was left untouched. Choose another name or remove it first."
        case .invalidAnswers(let problems): return "The testimony cannot be sealed:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .noTeamKey: return "The vault has no team public key to seal to. Add one with `temoin desk init --team-key team.pub`."
        case .bundle(let problem): return problem.description
        case .lastTeamKey: return "This is the last team key: add the new key first (`temoin desk team-key add NEW.pub`), then retire this one."
        case .nothingToExport: return "Nothing new to export: every sealed record is already in a bundle. Use --all to export them all again."
        case .database(let m): return "Vault database error: \(m)"
        case .locked: return "The desk is locked: this needs the desk passphrase."
        case .teamKeysChanged:
            return "The list of team keys that testimonies are sealed to was changed without the desk passphrase "
                + "(a key added, re-activated or renamed behind the desk's back), so Témoin will not seal to it. Nothing was sealed "
                + "and nothing was lost (a draft stays a draft). " + Self.reviewTeamKeys
        case .teamKeysUnconfirmed:
            return "The list of team keys is not bound to the desk passphrase yet (a vault made by an earlier Témoin, "
                + "or the binding was removed), so Témoin will not seal to it. Nothing was sealed and nothing was lost "
                + "(a draft stays a draft). " + Self.reviewTeamKeys
        case .passphraseTooShort(let minimum):
            return "The passphrase is too short: use at least \(minimum) characters (a few words is best). Nothing was changed."
        case let .attachmentRefused(path, reason):
            return "Cannot attach \(path): \(reason). Nothing was sealed and the file was left untouched."
        }
    }
}

extension VaultError {
    /// What to do about a team key list that sealing refuses.
    static let reviewTeamKeys = "See the list with `temoin desk team-key list` and compare each fingerprint with the team "
        + "by phone; retire any key you do not know (`temoin desk team-key retire FINGERPRINT`); then bind the list "
        + "with `temoin desk team-key confirm` (it asks the desk passphrase) and seal again."
}

/// Why a bundle was refused.
public enum BundleProblem: Error, Equatable, CustomStringConvertible {
    /// Not a Témoin bundle at all.
    case notABundle
    /// A newer bundle version.
    case unsupportedVersion(Int)
    /// The file ends early.
    case truncated(String)
    /// A structural field is impossible.
    case malformed(String)
    /// The manifest does not list exactly the records carried.
    case manifestMismatch(String)
    /// The desk signature does not verify.
    case badSignature

    public var description: String {
        switch self {
        case .notABundle, .unsupportedVersion: return finding
        default: return finding + " The bundle was refused whole: ask the desk for a new export, or try `--salvage` to recover the intact records (marked unverified)."
        }
    }

    /// Whether this is a version older than the one this Témoin writes (a pre-release format).
    public var isOlderFormat: Bool {
        guard case let .unsupportedVersion(v) = self else { return false }
        return v == 1   // version 2 (records only) is still read
    }

    /// The bundle format version this Témoin writes (Docs/FORMAT.md), which tells an older format from a newer one.
    public static let currentVersion: UInt8 = 3

    /// What is wrong, without the advice on what to do.
    public var finding: String {
        switch self {
        case .notABundle: return "This file is not a Témoin bundle."
        case .unsupportedVersion(let v) where isOlderFormat:
            return "This bundle is in format version \(v), written by a pre-release Témoin that this one no longer reads: export the records again from the desk (`temoin export --all`)."
        case .unsupportedVersion(let v): return "Bundle format version \(v) is newer than this Témoin understands: update Témoin."
        case .truncated(let what): return "The bundle is truncated (\(what))."
        case .malformed(let what): return "The bundle is damaged (\(what))."
        case .manifestMismatch(let what): return "The bundle's record list does not match its records (\(what)): records were removed, added, duplicated or altered."
        case .badSignature: return "The desk signature does not match: the bundle was altered or damaged after export."
        }
    }
}

extension VaultError {
    /// Maps an errno from a write to the matching error.
    public static func writing(_ path: String, errno code: Int32) -> VaultError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EIO: return .diskError(path: path)
        default: return .notWritable(path: path, errno: code)
        }
    }

    /// Maps an errno from a read to the matching error.
    public static func reading(_ path: String, errno code: Int32) -> VaultError {
        code == EIO ? .diskError(path: path) : .unreadable(path: path, errno: code)
    }

    /// Whether `code` means the place refuses this user (permissions, a read-only disk).
    public static func isPermission(_ code: Int32) -> Bool {
        code == EACCES || code == EPERM || code == EROFS
    }

    /// The cause in words, from the errno (never a text made earlier).
    public static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the disk is read-only"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder"
        default: return String(cString: strerror(code))
        }
    }
}

extension VaultError {
    /// The `VaultError` named by the errno inside a Foundation error (`Data(contentsOf:)`, `FileManager`),
    /// so that no raw `Error Domain=NSCocoaErrorDomain …` text reaches a person; nil for other errors.
    public static func fromFoundation(_ error: Error) -> VaultError? {
        if let posix = error as? POSIXError { return .reading("a file", errno: posix.code.rawValue) }
        guard let cocoa = error as? CocoaError else { return nil }
        let path = cocoa.filePath ?? cocoa.url?.path ?? "a file"
        if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            let code = Int32(underlying.code)
            return cocoa.isWriteError ? .writing(path, errno: code) : .reading(path, errno: code)
        }
        switch cocoa.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return .unreadable(path: path, errno: ENOENT)
        case .fileReadNoPermission: return .unreadable(path: path, errno: EACCES)
        case .fileWriteNoPermission: return .notWritable(path: path, errno: EACCES)
        case .fileWriteVolumeReadOnly: return .notWritable(path: path, errno: EROFS)
        case .fileWriteOutOfSpace: return .diskFull(path: path)
        default: return cocoa.isWriteError ? .writing(path, errno: EIO) : .reading(path, errno: EIO)
        }
    }
}

private extension CocoaError {
    /// Whether the failed operation was a write (Foundation's write error codes are 512–640).
    var isWriteError: Bool { (512...640).contains(code.rawValue) }
}
