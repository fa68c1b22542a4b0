import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat

/// `temoin export`: writes a signed bundle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the sealed records not yet exported into a signed bundle file.",
        discussion: "The bundle is read back and verified before the records are marked exported. An existing file is never replaced.")

    @Option(name: .long, help: ArgumentHelp("The bundle file to create.", valueName: "FILE"))
    var out: String

    @Flag(help: "Leave the evidence files out: a quick bundle of testimonies only (records with files stay to export with them).")
    var withoutFiles = false

    @Flag(help: "Export every sealed record, including those exported before.")
    var all = false

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let desk = try DeskVault.open(at: vault.directory)
        try desk.preflightExport(to: out, all: all)
        let secrets = try desk.unlock(passphrase: passphrase.existing(CLIText.deskPassphrase))
        let summary = try desk.export(to: out, all: all, withoutFiles: withoutFiles, secrets: secrets)
        StandardStreams.line(CLIText.exported(summary.recordCount, files: summary.fileCount, summary.path, summary.byteCount))
        StandardStreams.line(CLIText.exportDeskFingerprint(summary.deskFingerprint))
    }
}

/// `temoin verify`: checks bundles without any secret.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check bundles' structure, record list and desk signature (no secret needed).",
        discussion: "Exit code 0 only if every bundle verifies; otherwise that of the first failure: 5 for a bundle that fails verification, 7 for a disk error.")

    @Argument(help: ArgumentHelp("Bundle files.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError(CLIText.nameABundle) }
    }

    func run() throws {
        var failure: Int32?
        for file in files {
            do {
                let summary = try BundleReader.read(file)
                StandardStreams.line(CLIText.verified(file, summary.header.recordCount, files: summary.files.count,
                                                      summary.header.deskName, summary.header.deskFingerprint))
            } catch {
                failure = failure ?? refusalCode(for: error)
                StandardStreams.line(CLIText.refused(file, error))
            }
        }
        if let failure { throw ExitCode(failure) }
    }
}
