import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinLanguage
import TemoinStorage

/// Writes the evidence files of decrypted testimonies into a folder (`temoin team decrypt --files DIR`):
/// each stream found in its bundle by the desk's signed list (its place and length), opened with the key of
/// the record that names it (every chunk authenticated, in order, to the final one), checked against the
/// SHA-256 taken at intake, and only then given its name.
///
/// The list's BLAKE2b of the stream is not computed again here: the record, under the desk's signature,
/// gives the key and the SHA-256, which prove the file on their own (Docs/FORMAT.md, "To open"), and a
/// second hash of every byte would make extracting a large file half again as slow. Importing or verifying
/// the bundle checks every stream against the list.
///
/// The name comes from `SafeFileName`: nothing in the witness's file name can leave the folder.
public struct EvidenceExtractor {
    /// The folder the files go to.
    public let directory: String
    private var opened: [String: BundleRecordReader] = [:]
    /// The files written so far, by path: which record's file took each name (to name a clash).
    private var written: [String: FileNameTaken.Holder] = [:]
    /// The names that testimonies of this extraction give to different files (`withholdDisputedNames`), with
    /// how many different files each: none of them is written.
    private var disputed: [String: Int] = [:]

    /// Extracts into `directory`, created (mode 0700, with its parents) if missing.
    public init(directory: String) throws {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {   // with its parents, as `mkdir -p`
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                let code = mkdir(directory, 0o700) == 0 ? 0 : errno   // the cause, in the terms of the error messages
                throw VaultError.notWritable(path: directory, errno: code == 0 ? EACCES : code)
            }
        } else if !isDirectory.boolValue {
            throw VaultError.notWritable(path: directory, errno: ENOTDIR)
        }
        self.directory = directory
    }

    /// What happened to one file.
    public struct Outcome: Sendable {
        /// The file as the record describes it.
        public let file: EvidenceFile
        /// Where it was written (or found already, identical); nil when it was not.
        public let path: String?
        /// Why it was not written; nil when it was.
        public let error: (any Error)?

        /// Why it was not written, in English (for logs and tests); nil when it was.
        public var problem: String? { error.map { ($0 as? TemoinError)?.message(in: .en) ?? "\($0)" } }
    }

    /// Withholds every name that `files` (all those of the testimonies to extract) give to different files (other
    /// SHA-256 of the original): a file id read in clear in a genuine bundle, reused by a forger's bundle with other
    /// contents. Without it, which file took the name would depend on the order of the bundles (of the imports);
    /// with it, none does, and each is reported (`FileNameDisputed`), whatever the order (Docs/FORMAT.md, "Team output").
    public mutating func withholdDisputedNames(_ files: [EvidenceFile]) {
        var contents: [String: Set<String>] = [:]
        for file in files { contents[SafeFileName.make(id: file.id, name: file.name), default: []].insert(file.sha256.lowercased()) }
        disputed = contents.filter { $0.value.count > 1 }.mapValues(\.count)
    }

    /// Extracts the `files` of record `record` (its id, hexadecimal) from the bundle at `bundlePath`.
    ///
    /// `progress`, called as the stream is read (on the thread that reads it, one call at a time), says how
    /// much of the file being extracted is done, in bytes of the original: a browser shows it while a large
    /// file is written.
    public mutating func extract(_ files: [EvidenceFile], record: String, bundlePath: String,
                                 progress: (_ file: EvidenceFile, _ done: Int) -> Void = { _, _ in }) -> [Outcome] {
        files.map { file in
            do {
                let path = try extract(file, record: record, bundlePath: bundlePath) { progress(file, $0) }
                return Outcome(file: file, path: path, error: nil)
            } catch {
                return Outcome(file: file, path: nil, error: error)
            }
        }
    }

    private mutating func extract(_ file: EvidenceFile, record: String, bundlePath: String, progress: (Int) -> Void) throws -> String {
        let reader: BundleRecordReader
        if let known = opened[bundlePath] { reader = known } else {
            reader = try BundleRecordReader(path: bundlePath, keepsHashes: false)
            opened[bundlePath] = reader
        }
        guard let id = Hex.decode(file.id), let key = Hex.decode(file.key), let sha256 = Hex.decode(file.sha256) else {
            throw EvidenceStreamError.malformed("the record describes the file with invalid hexadecimal")
        }
        guard let entry = reader.manifest.file(id: id) else {
            throw EvidenceStreamError.notCarried
        }
        let name = SafeFileName.make(id: file.id, name: file.name)
        let path = directory + "/" + name
        if let claims = disputed[name] { throw FileNameDisputed(path: path, file: .init(record: record, file: file.id), claims: claims) }
        let pending = try PendingFile(for: path)
        var position = 0
        let secret = SecretBytes(copying: key)
        try EvidenceStream.open(id: id, key: secret, size: file.size, sha256: sha256, streamLength: entry.length, read: { buffer in
            guard position + buffer.count <= entry.length else { throw EvidenceStreamError.malformed("the stream is shorter than its chunks") }
            try reader.readFile(entry, at: position, into: buffer)
            position += buffer.count
            let share = Double(position) / Double(max(entry.length, 1))   // of the stream, below 1 until its end
            progress(share >= 1 ? file.size : Int(Double(file.size) * share))
        }, write: { try pending.writeDirect($0) })   // a slab of guarded memory, aligned: past the page cache
        guard position == entry.length else { throw EvidenceStreamError.malformed("bytes follow the final chunk") }
        var info = stat()
        if lstat(path, &info) == 0 {   // never followed: a link or a pipe already there is left alone, not read
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw VaultError.fileExists(path: path) }
            guard try Self.sha256(of: path) == sha256 else {
                throw FileNameTaken(path: path, file: .init(record: record, file: file.id), holder: written[path])
            }
            return path   // extracted before: the same bytes, which this record's own stream has just given too
        }
        try pending.publish(as: path)
        written[path] = .init(record: record, file: file.id)
        return path
    }

    private static func sha256(of path: String) throws -> [UInt8] {
        let source = try FileSource(path: path)
        let hash = SHA256()
        var left = try source.size()
        while left > 0 {
            let piece = try source.read(min(left, 1 << 20), "file")
            piece.withUnsafeBytes { hash.update($0) }
            left -= piece.count
        }
        return hash.finish()
    }
}

/// A file cannot be written: another file is already at its name. The name is the first 12 digits of the file
/// id and the witness's file name, so this is a file id reused with other bytes (one of two records naming the
/// same file is damaged or forged), or a folder holding an earlier extraction of the file, since altered.
public struct FileNameTaken: TemoinError, Equatable {
    /// A file of a record: the record id and the file id (hexadecimal).
    public struct Holder: Sendable, Equatable {
        public var record: String
        public var file: String
    }

    /// The name taken.
    public let path: String
    /// The file that was to be written there.
    public let file: Holder
    /// The file written there earlier in this extraction; nil when it was there before (an earlier extraction).
    public let holder: Holder?

    public func message(in language: Language) -> String {
        let l = language
        let earlier = holder.map { l.pick(fr: "le fichier \($0.file) du témoignage \($0.record), écrit plus tôt dans cette extraction",
                                          en: "file \($0.file) of record \($0.record), written earlier in this extraction") }
            ?? l.pick(fr: "un fichier d'une extraction précédente", en: "a file from an earlier extraction")
        return l.pick(
            fr: "\(path) est déjà pris par \(earlier), au contenu différent : le fichier \(file.file) du témoignage \(file.record) "
                + "n'a pas été écrit. Un même identifiant de fichier avec deux contenus veut dire qu'un des deux témoignages est abîmé "
                + "ou forgé : comparez leurs SHA-256 et leurs postes. Rien n'a été remplacé ; pour avoir les deux, extrayez dans un dossier vide.",
            en: "\(path) is already taken by \(earlier), with other contents: file \(file.file) of record \(file.record) "
                + "was not written. One file id with two contents means one of the two records is damaged or forged: "
                + "compare their SHA-256 and their desks. Nothing was replaced; to get both, extract into an empty folder.")
    }
}

/// A file not written because the testimonies of one extraction give its name to different files
/// (`EvidenceExtractor.withholdDisputedNames`): one of them is damaged or forged, and no order decides.
public struct FileNameDisputed: TemoinError, Equatable {
    /// Where the file would have gone.
    public let path: String
    /// The file not written.
    public let file: FileNameTaken.Holder
    /// How many different files (SHA-256 of the original) the testimonies give under that name.
    public let claims: Int

    public func message(in language: Language) -> String {
        language.pick(
            fr: "\(path) n'a pas été écrit : \(claims) fichiers différents portent ce nom dans cette extraction, dont le fichier "
                + "\(file.file) du témoignage \(file.record). Un même nom pour deux contenus veut dire qu'un des témoignages est abîmé "
                + "ou forgé : aucun n'est écrit sous ce nom, quel que soit l'ordre des lots. Comparez leurs SHA-256 et leurs postes, "
                + "puis extrayez chaque lot seul (temoin team decrypt --files DOSSIER LOT).",
            en: "\(path) was not written: \(claims) different files take this name in this extraction, file \(file.file) "
                + "of record \(file.record) among them. One name for two contents means one of the records is damaged or forged: "
                + "none is written under it, whatever the order of the bundles. Compare their SHA-256 and their desks, "
                + "then extract each bundle on its own (temoin team decrypt --files DIR BUNDLE).")
    }
}

/// A file name made from a witness's file name that cannot leave its folder: the file id's first 12
/// digits, `-`, then the name's letters, digits, nonspacing marks and `. _ - ( ) +` (anything else, `/`,
/// NUL, control and invisible characters included, becomes `_`), without leading dots, at most 120 bytes;
/// `file` when nothing is left.
public enum SafeFileName {
    /// The most bytes taken from the original name.
    public static let maximumNameBytes = 120

    /// The general categories kept: letters (L*), digits and numbers (N*), and nonspacing marks (Mn, the
    /// accent of a decomposed é): by category alone, as every reader can check (Docs/FORMAT.md, "Names").
    private static let categories: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
                                                             .otherLetter, .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark]

    /// The name of file `id` (hexadecimal) first called `name`.
    public static func make(id: String, name: String) -> String {
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in name.unicodeScalars {
            let letter = categories.contains(scalar.properties.generalCategory)
            let allowed = letter && !scalar.properties.isDefaultIgnorableCodePoint || "._-()+".unicodeScalars.contains(scalar)
            let safe: Unicode.Scalar = allowed ? scalar : "_"
            let length = UTF8.width(safe)
            guard bytes + length <= maximumNameBytes else { break }
            kept.append(safe)
            bytes += length
        }
        var text = String(kept)
        while text.hasPrefix(".") { text.removeFirst() }
        return String(id.filter(\.isHexDigit).prefix(12)) + "-" + (text.isEmpty ? "file" : text)
    }
}
