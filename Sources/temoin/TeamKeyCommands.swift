import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinForms
import TemoinStorage
import TemoinUIKit

/// `temoin team passphrase`.
struct TeamPassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passphrase", abstract: "Change the passphrase of a team secret key file.")

    @Option(name: .long, help: ArgumentHelp("The team secret key file.", valueName: "KEY")) var key: String
    @Option(help: ArgumentHelp("Read the new passphrase from FILE (default: ask on the terminal).", valueName: "FILE")) var newPassphraseFile: String?
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let pair = try openTeamKey(key, passphrases: passphrase)
        let fresh = try PassphraseOptions.new(fromFile: newPassphraseFile, CLIText.newPassphrase, minimum: PassphraseRules.teamMinimum)
        let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: pair.publicKey.name, secret: pair.secretKey,
                                          passphrase: fresh, cost: .moderate)
        try FileSystem.replace(key, with: file.bytes)
        StandardStreams.line(CLIText.passphraseChanged(key, pair.publicKey.fingerprint))
    }
}

/// `temoin team recovery-sheet`.
struct TeamRecoverySheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery-sheet",
        abstract: "Print a recovery sheet of a team secret key, to keep offline on paper.",
        discussion: "Anyone holding the sheet can decrypt every testimony sealed to this key: print it, keep it in a safe, never store it on a computer.")

    @Option(name: .long, help: ArgumentHelp("The team secret key file.", valueName: "KEY")) var key: String
    @Option(help: ArgumentHelp("Write the sheet to FILE (created, mode 0600) instead of standard output.", valueName: "FILE")) var out: String?
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let pair = try openTeamKey(key, passphrases: passphrase)
        let header = """
        TÉMOIN — FEUILLE DE SECOURS / RECOVERY SHEET

        Clé d'équipe / Team key : \(pair.publicKey.name)
        Empreinte / Fingerprint : \(pair.publicKey.fingerprint)

        Cette feuille remplace la clé secrète : gardez-la au coffre, jamais sur un ordinateur.
        This sheet replaces the secret key: keep it in a safe, never on a computer.

        Pour restaurer / To restore:  temoin team restore --out DOSSIER
        puis tapez les 7 lignes / then type the 7 lines:

        """
        let footer = "\nAprès restauration, l'empreinte doit être / After restoring, the fingerprint must be: \(pair.publicKey.fingerprint)\n"
        let lines = RecoverySheet.printedLines(for: pair.secretKey)   // guarded, wiped when released
        if let out {
            var sheet: [UInt8] = []                 // one buffer, reserved up front so no stale copy is left, wiped after
            sheet.reserveCapacity(header.utf8.count + lines.count + footer.utf8.count)
            defer { sheet.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
            sheet += header.utf8
            lines.withUnsafeBytes { sheet += $0 }
            sheet += footer.utf8
            try FileSystem.writeNew(sheet, to: out)
            StandardStreams.line(CLIText.sheetWritten(out))
        } else {
            StandardStreams.output(header)
            try lines.withUnsafeBytes { try StandardStreams.output(raw: $0) }   // straight from guarded memory, no copy
            StandardStreams.output(footer)
        }
    }
}

/// `temoin team restore`.
struct TeamRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Rebuild a team key from its recovery sheet: DIR/team.key (with a new passphrase) and DIR/team.pub.")

    @Option(help: ArgumentHelp("Folder for the restored team.key and team.pub.", valueName: "DIR")) var out: String
    @Option(help: "The key's name.") var name: String = "Team"
    @Option(help: ArgumentHelp("Read the 7 lines from FILE instead of the terminal.", valueName: "FILE")) var sheet: String?
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let secretPath = out + "/team.key", publicPath = out + "/team.pub"
        for path in [secretPath, publicPath] { try FileSystem.ensureAbsent(path) }
        let secret: SecretBytes
        do {
            secret = try sheet.map { try RecoverySheet.secret(from: String(decoding: try readInput($0), as: UTF8.self).components(separatedBy: "\n")) }
                ?? typeSheet()
        } catch let error as RecoverySheetError {
            throw CLIError.failed(CLIText.sheetRefused(error), code: 1)
        }
        let pair = try TeamKeyPair(secretKey: secret, name: name)
        StandardStreams.line(CLIText.restoredFingerprint(pair.publicKey.fingerprint))
        let fresh = try passphrase.new(CLIText.newRestoredPassphrase, minimum: PassphraseRules.teamMinimum)
        try FileSystem.createFolder(out)
        let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: name, secret: pair.secretKey, passphrase: fresh, cost: .moderate)
        try FileSystem.writeNew(file.bytes, to: secretPath)
        try FileSystem.writeNew(PublicKeyFile.encode(pair.publicKey), to: publicPath)
        StandardStreams.line(CLIText.written(secretPath, publicPath))
    }

    /// Asks for the lines one by one, saying at once which line to type again.
    private func typeSheet() throws -> SecretBytes {
        StandardStreams.line(CLIText.typeSheetLines)
        var reader = RecoverySheetReader()
        while let number = reader.nextLine {
            StandardStreams.output("\(number): ")
            guard let line = readLine() else { throw CLIError.usage(CLIText.sheetNotFinished) }
            if line.allSatisfy(\.isWhitespace) { continue }      // Enter alone: ask the same line again
            do {
                try reader.add(line, number: number)
            } catch let error as RecoverySheetError {
                StandardStreams.line("  " + error.message(in: CLILanguage.current))
            }
        }
        return try reader.secret()
    }
}
