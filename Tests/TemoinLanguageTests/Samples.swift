import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinLanguage
import TemoinStorage
@testable import TemoinTeam
import TemoinTerminal

/// One value of every case of the errors that have a text table, for the catalog tests.
///
/// Each `index` switch has no `default`: a new case does not compile until it has a number here, and the
/// test then fails until it has a sample.
enum Samples {
    static let vault: [VaultError] = [
        .notFound(path: "/v"), .alreadyExists(path: "/v"), .alreadyOpen(path: "/v"), .diskFull(path: "/v"),
        .diskError(path: "/v"), .notWritable(path: "/v", errno: EROFS), .notWritable(path: "/v", errno: ENOTDIR),
        .unreadable(path: "/v", errno: EACCES), .unreadable(path: "/v", errno: ENOENT),
        .fileExists(path: "/f"), .invalidAnswers(["city: missing"]), .noTeamKey, .bundle(.badSignature), .lastTeamKey,
        .nothingToExport(all: false), .nothingToExport(all: true), .incomplete(path: "/v"), .damaged(path: "/v"), .foreignSecrets, .locked,
        .database(code: 1, message: "SQL logic error"), .teamKeysChanged, .teamKeysUnconfirmed, .questionnaireChanged, .sharedFolder(path: "/tmp/v"), .passphraseTooShort(minimum: 12),
        .attachmentRefused(path: "/p.jpg", reason: .tooBig(size: 3, maximum: 2, field: "evidence_files")),
        .recordTooLargeForVolume(record: "0a1b2c3d", file: "0a1b2c3d4e5f", bytes: 5_000_000_000, maximum: 4_293_918_720),
        .notKept(path: "/media/stick/lot.tmn"), .deskKeyDamaged(path: "/v"),
    ] + [
        AttachmentRefusal.unopenable(errno: ENOENT), .notRegular, .beyondStreams, .typeUnreadable(detail: "magic"),
        .typeNotAccepted(type: "text/plain", field: "evidence_files", accepted: ["image/*"]),
        .notFilesQuestion(field: "city", questions: []), .notAsked(field: "evidence_files"), .tooMany(field: "evidence_files", maximum: 20), .copyMissing,
    ].map { VaultError.attachmentRefused(path: "/p.jpg", reason: $0) }
    static let vaultCases = 27
    static func index(_ e: VaultError) -> Int {
        switch e {
        case .notFound: 0
        case .alreadyExists: 1
        case .alreadyOpen: 2
        case .diskFull: 3
        case .notWritable: 4
        case .unreadable: 5
        case .fileExists: 6
        case .invalidAnswers: 7
        case .noTeamKey: 8
        case .bundle: 9
        case .lastTeamKey: 10
        case .nothingToExport: 11
        case .incomplete: 12
        case .damaged: 13
        case .foreignSecrets: 14
        case .locked: 15
        case .database: 16
        case .teamKeysChanged: 17
        case .teamKeysUnconfirmed: 18
        case .passphraseTooShort: 19
        case .diskError: 20
        case .attachmentRefused: 21
        case .recordTooLargeForVolume: 22
        case .questionnaireChanged: 23
        case .sharedFolder: 24
        case .notKept: 25
        case .deskKeyDamaged: 26
        }
    }

    static let bundle: [BundleProblem] = [
        .notABundle, .unsupportedVersion(1), .unsupportedVersion(9), .truncated("header"), .malformed("name"),
        .manifestMismatch("record 2"), .badSignature,
    ]
    static let bundleCases = 6
    static func index(_ e: BundleProblem) -> Int {
        switch e {
        case .notABundle: 0
        case .unsupportedVersion: 1
        case .truncated: 2
        case .malformed: 3
        case .manifestMismatch: 4
        case .badSignature: 5
        }
    }

    static let crypto: [CryptoError] = [
        .wrongPassphrase, .wrongKind(expected: .publicKeyFile, found: .secretKeyFile), .wrongKind(expected: .secretKeyFile, found: .publicKeyFile),
        .malformed("key is cut short"), .unsupportedVersion(9), .authenticationFailed, .notForThisKey, .invalidPublicKey,
        .outOfMemory(mebibytes: 256),
    ] + ObjectKind.allCases.map { CryptoError.wrongKind(expected: $0) }
    static let cryptoCases = 8
    static func index(_ e: CryptoError) -> Int {
        switch e {
        case .wrongPassphrase: 0
        case .wrongKind: 1
        case .malformed: 2
        case .unsupportedVersion: 3
        case .authenticationFailed: 4
        case .notForThisKey: 5
        case .invalidPublicKey: 6
        case .outOfMemory: 7
        }
    }

    static let inbox: [InboxError] = [
        .revokedDesk(name: "Belleville", fingerprint: "ABCD-EFGH"), .unknownDesk("ABCD-EFGH"),
        .bundleIDReused(bundleID: "00ff", fingerprint: "ABCD-EFGH"), .inconsistent("a bundle row without its file"),
    ]
    static let inboxCases = 4
    static func index(_ e: InboxError) -> Int {
        switch e {
        case .revokedDesk: 0
        case .unknownDesk: 1
        case .bundleIDReused: 2
        case .inconsistent: 3
        }
    }

    /// The errnos said in words of ours, and one said in the system's words.
    static let errnos: [Int32] = [ENOENT, EACCES, EPERM, EROFS, EISDIR, ENOTDIR, EIO, EEXIST, ENOSPC, ENAMETOOLONG, EBADF]

    static let terminal: [TerminalError] = [
        .notATerminal, .terminalTypeNotSet, .unknownTerminalType("vt999"), .noUTF8Locale(codeset: "ANSI_X3.4-1968"),
        .initializationFailed("newterm returned NULL"),
    ]
    static let terminalCases = 5
    static func index(_ e: TerminalError) -> Int {
        switch e {
        case .notATerminal: 0
        case .terminalTypeNotSet: 1
        case .unknownTerminalType: 2
        case .noUTF8Locale: 3
        case .initializationFailed: 4
        }
    }

    static let spreadsheet: [XLSXWriter.Failure] = [
        .notStarted(path: "t.xlsx"), .outOfMemory(path: "t.xlsx"), .notWritten(path: "t.xlsx", reason: "Error creating output xlsx file."),
        .notNamed(path: "t.xlsx", errno: EEXIST), .cellNotWritten(path: "t.xlsx", reason: "String exceeds Excel's limit."),
    ]
    static let spreadsheetCases = 5
    static func index(_ e: XLSXWriter.Failure) -> Int {
        switch e {
        case .notStarted: 0
        case .outOfMemory: 1
        case .notWritten: 2
        case .notNamed: 3
        case .cellNotWritten: 4
        }
    }

    static let resources: [InstalledResourceError] = [.missing(name: "default-form.json", searched: ["/usr/share/temoin/default-form.json"]),
                                                      .contentTypes(detail: "could not find any valid magic files")]

    static let sheet: [RecoverySheetError] = [
        .typo(lines: [2]), .typo(lines: [2, 5]), .disagree(lines: [3, 4]), .notOnSheet(line: 1, character: "0"), .length(line: 6, symbols: 9),
        .noSuchLine(8), .repeated(line: 2), .lineCount(found: 5), .together, .several([.typo(lines: [1]), .repeated(line: 3)]),
    ]
    static let sheetCases = 9
    static func index(_ e: RecoverySheetError) -> Int {
        switch e {
        case .typo: 0
        case .disagree: 1
        case .notOnSheet: 2
        case .length: 3
        case .noSuchLine: 4
        case .repeated: 5
        case .lineCount: 6
        case .together: 7
        case .several: 8
        }
    }

    /// Every sample as a `TemoinError`; the file causes inside a write error, where they are said.
    static let evidence: [EvidenceStreamError] = [
        .malformed("a chunk length"), .unsupportedVersion(9), .wrongFile, .altered(chunk: 2), .endsEarly(chunk: 1), .missingFinal,
        .badPadding, .hashMismatch, .changedWhileRead, .notCarried,
    ]
    static let evidenceCases = 10
    static func index(_ e: EvidenceStreamError) -> Int {
        switch e {
        case .malformed: 0
        case .unsupportedVersion: 1
        case .wrongFile: 2
        case .altered: 3
        case .endsEarly: 4
        case .missingFinal: 5
        case .badPadding: 6
        case .hashMismatch: 7
        case .changedWhileRead: 8
        case .notCarried: 9
        }
    }

    static var all: [TemoinError] {
        let layers: [[TemoinError]] = [
            vault, bundle, crypto, inbox, errnos.map { VaultError.notWritable(path: "/v", errno: $0) },
            terminal, spreadsheet, resources, sheet, evidence, [LocalTimeError.unknownZone("Europe/Pari", database: "/usr/share/zoneinfo")],
            [nil, FileNameTaken.Holder(record: "03" + String(repeating: "0", count: 30), file: "cd" + String(repeating: "0", count: 30))].map {
                FileNameTaken(path: "t/cd0000000000-photo.png", file: .init(record: "04" + String(repeating: "0", count: 30), file: "cd" + String(repeating: "0", count: 30)), holder: $0)
            },
            [FileNameDisputed(path: "t/cd0000000000-photo.png", file: .init(record: "04" + String(repeating: "0", count: 30), file: "cd" + String(repeating: "0", count: 30)), claims: 2)],
        ]
        return layers.flatMap { $0 }
    }
}

/// The decryption's problems, said by TemoinTeam.
extension Samples {
    static let causes: [RecordProblem.Cause] = [
        .withdrawn, .duplicate, .flagged(.conflict), .flagged(.deskMismatch), .flagged(.unverified), .notApproved, .otherKey,
        .notAsSigned(position: 2, found: nil), .notAsSigned(position: 2, found: "cd34"), .notRead, .damaged("ciphertext shorter than its tag"),
    ]
    static let causeCases = 8
    static func index(_ e: RecordProblem.Cause) -> Int {
        switch e {
        case .withdrawn: 0
        case .duplicate: 1
        case .flagged: 2
        case .notApproved: 3
        case .otherKey: 4
        case .notAsSigned: 5
        case .notRead: 6
        case .damaged: 7
        }
    }

    /// Every cause inside its problem line, every way a damaged bundle ends, in both languages.
    static var decryptionTexts: [(fr: String, en: String)] {
        let problems = causes.map { RecordProblem(bundle: "b.tmn", recordID: "ab12", cause: $0) }
        let bundles = [(3, 3, false), (1, 3, false), (1, 3, true)].map {
            DamagedBundle(path: "b.tmn", problem: .truncated("it ends inside the record 2 of 3"), recordsRead: $0.0, recordCount: $0.1, salvaged: $0.2)
        }
        return problems.map { ($0.message(in: .fr), $0.message(in: .en)) } + bundles.map { ($0.message(in: .fr), $0.message(in: .en)) }
    }
}
