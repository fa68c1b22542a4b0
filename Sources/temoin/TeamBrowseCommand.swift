import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinTeamUI
import TemoinTerminal
import TemoinUIKit

/// `temoin team browse` (and `temoin team` alone): the analysis UI in the terminal.
struct TeamBrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse, search and chart the testimonies in the terminal (what `temoin team` alone does).",
        discussion: """
        Asks for the passphrase of each team key (masked, in the UI; or read from --passphrase-file), then \
        verifies and decrypts the bundles (default: every bundle of the inbox) with a progress bar. The list \
        sorts by column (1-5, F7), F2 searches words in the answers, F3 filters by answer, F5 shows bar charts \
        that follow the filter (Enter on a bar filters on it), e exports the list shown (.csv, .xlsx or .jsonl); on a \
        testimony n adds a note, s sets the status, t adds a tag (case work sealed to the team's keys, kept in the \
        inbox: not when bundle files are named). Withdrawn testimonies are left out; bundles \
        refused and testimonies not opened are summed up on the status line (F8: details). Nothing is written \
        to disk but the sealed case work and the files you export. Keys: see Docs/TEAM-UI.md, or F1.
        """)

    @OptionGroup var keys: TeamKeyOptions

    @OptionGroup var lang: UILanguageOption

    @OptionGroup var form: TeamFormOption

    @OptionGroup var input: BundleOptions

    func validate() throws {
        if let word = input.bundles.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw ValidationError(MistypedTeamCommand.message(for: word))
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let language = lang.chosen ?? UILanguage.detect(environment: environment)
        let questionnaire = try form.questionnaire()
        let source = try input.source()
        let scripted = (keys.passphrase.passphraseFile ?? environment["TEMOIN_PASSPHRASE_FILE"]) != nil
        let openKeys = scripted ? try keys.open() : []
        let keyFiles: [SecretKeyFile] = scripted ? [] : try keys.files.map { path in
            do { return try SecretKeyFile(bytes: readKeyFile(path)) } catch let error as CryptoError {
                throw CLIError.failed(CLIText.describe(error, file: path), code: 1)
            }
        }
        let services = TeamServices(keyFiles: keyFiles, openKeys: openKeys, bundles: source.bundles,
                                    withdrawn: source.withdrawn, salvage: input.salvage, settings: try source.decryptor(keys: [], trustOptions: input.trust),
                                    caseInbox: input.bundles.isEmpty ? input.inbox.directory : nil, colleagues: try input.trust.colleagues.keys())
        let configuration = TeamConfiguration(language: language, form: questionnaire, expectedRecords: source.recordCount,
                                              skippedBundles: source.skipped.map(\.path))
        TerminalLocale.ensureUTF8()
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal() } catch let error as TerminalError {
            throw CLIError.failed(CLIText.browserWithoutTerminal(error), code: 1)
        }
        defer { terminal.close() }
        TeamApp.session(terminal: terminal, services: services, configuration: configuration).run()
    }
}
