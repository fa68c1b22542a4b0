import Foundation
import TemoinCrypto
import TemoinLanguage
import TemoinStorage
import TemoinTeam
import TemoinTerminal
import XCTest

/// Every error text of every layer exists in French and in English, and the language comes from the locale's name.
final class ErrorCatalogTests: XCTestCase {
    /// One value of every case of every error type (see `Samples`), said in both languages.
    func testEveryErrorIsSaidInBothLanguages() {
        for error in Samples.all {
            let fr = error.message(in: .fr), en = error.message(in: .en)
            XCTAssertFalse(fr.isEmpty, "\(error)")
            XCTAssertFalse(en.isEmpty, "\(error)")
            XCTAssertNotEqual(fr, en, "the French text of \(error) is still the English one")
            XCTAssertEqual(error.description, en, "description is the English text")
        }
    }

    /// The samples cover every case: the exhaustive switches in `Samples` give each case a number.
    func testSamplesCoverEveryCase() {
        XCTAssertEqual(Set(Samples.vault.map(Samples.index)), Set(0..<Samples.vaultCases))
        XCTAssertEqual(Set(Samples.bundle.map(Samples.index)), Set(0..<Samples.bundleCases))
        XCTAssertEqual(Set(Samples.crypto.map(Samples.index)), Set(0..<Samples.cryptoCases))
        XCTAssertEqual(Set(Samples.inbox.map(Samples.index)), Set(0..<Samples.inboxCases))
        XCTAssertEqual(Set(Samples.causes.map(Samples.index)), Set(0..<Samples.causeCases))
        XCTAssertEqual(Set(Samples.terminal.map(Samples.index)), Set(0..<Samples.terminalCases))
        XCTAssertEqual(Set(Samples.spreadsheet.map(Samples.index)), Set(0..<Samples.spreadsheetCases))
        XCTAssertEqual(Set(Samples.sheet.map(Samples.index)), Set(0..<Samples.sheetCases))
        XCTAssertEqual(Set(Samples.evidence.map(Samples.index)), Set(0..<Samples.evidenceCases))
    }

    /// The terminal's cause without the desk's `--plain` (for the team browser, which has none) in both languages, and
    /// the desk's message offers `--plain` where another mode helps.
    func testTheTerminalsCauseIsSaidWithoutTheDesksWayOut() {
        for error in Samples.terminal {
            XCTAssertNotEqual(error.cause(in: .fr), error.cause(in: .en), "\(error)")
            XCTAssertFalse(error.cause(in: .fr).contains("--plain"), "\(error)")
            XCTAssertTrue(error.message(in: .fr).hasPrefix(error.cause(in: .fr)), "\(error)")
        }
        XCTAssertTrue(TerminalError.notATerminal.message(in: .fr).contains("--plain"))
        XCTAssertTrue(TerminalError.notATerminal.message(in: .en).contains("--plain"))
    }


    /// The decryption's problems and every record status have a French and an English text.
    func testDecryptionProblemsAndStatusesInBothLanguages() {
        for (fr, en) in Samples.decryptionTexts {
            XCTAssertFalse(fr.isEmpty)
            XCTAssertNotEqual(fr, en, "the French text is still the English one")
        }
        for status in RecordStatus.allCases where status != .ok {
            XCTAssertNotEqual(status.name(in: .fr), status.name(in: .en), "\(status)")
            XCTAssertEqual(status.name(in: .en), status.rawValue, "English names are the output values")
        }
    }

    /// A French cause inside a French sentence: the errno is kept as a value and said in the reader's language.
    func testErrnoIsSaidInTheLanguage() {
        let error = VaultError.unreadable(path: "missing.tmn", errno: ENOENT)
        XCTAssertEqual(error.message(in: .fr), "Impossible de lire missing.tmn : fichier ou dossier introuvable.")
        XCTAssertEqual(error.message(in: .en), "Cannot read missing.tmn: no such file or folder.")
    }

    /// LC_ALL, then LC_MESSAGES, then LANG, the first non-empty; the name is parsed, so an uninstalled French locale is French.
    func testTheLocaleNameChoosesTheLanguage() {
        XCTAssertEqual(Language.fromLocale(environment: ["LANG": "fr_FR.UTF-8"]), .fr)
        XCTAssertEqual(Language.fromLocale(environment: ["LANG": "fr_CA"]), .fr)
        XCTAssertEqual(Language.fromLocale(environment: ["LANG": "C.UTF-8"]), .en)
        XCTAssertEqual(Language.fromLocale(environment: ["LANG": "POSIX"]), .en)
        XCTAssertEqual(Language.fromLocale(environment: [:]), .en)
        XCTAssertEqual(Language.fromLocale(environment: ["LC_ALL": "C", "LANG": "fr_FR.UTF-8"]), .en)
        XCTAssertEqual(Language.fromLocale(environment: ["LC_ALL": "", "LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"]), .fr)
        XCTAssertEqual(Language.fromLocale(environment: ["LC_MESSAGES": "", "LANG": "fr_FR"]), .fr)
    }
}
