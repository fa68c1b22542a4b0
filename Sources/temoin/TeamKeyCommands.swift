import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinFormat
import TemoinStorage

/// `temoin team passphrase`.
struct TeamPassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passphrase", abstract: "Change the passphrase of a team secret key file.")

    @Option(name: .long, help: ArgumentHelp("The team secret key file.", valueName: "KEY")) var key: String
    @Option(help: ArgumentHelp("Read the new passphrase from FILE (default: ask on the terminal).", valueName: "FILE")) var newPassphraseFile: String?
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let pair = try openTeamKey(key, passphrases: passphrase)
        let fresh = try PassphraseOptions.new(fromFile: newPassphraseFile, CLIText.newPassphrase, minimum: 12)
        let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: pair.publicKey.name, secret: pair.secretKey,
                                          passphrase: fresh, cost: .moderate)
        try FileSystem.replace(key, with: file.bytes)
        print(CLIText.passphraseChanged(key, pair.publicKey.fingerprint))
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
        let lines = RecoverySheet.lines(for: pair.secretKey)
        var sheet = """
        TÉMOIN — FEUILLE DE SECOURS / RECOVERY SHEET

        Clé d'équipe / Team key : \(pair.publicKey.name)
        Empreinte / Fingerprint : \(pair.publicKey.fingerprint)

        Cette feuille remplace la clé secrète : gardez-la au coffre, jamais sur un ordinateur.
        This sheet replaces the secret key: keep it in a safe, never on a computer.

        Pour restaurer / To restore:  temoin team restore --out DOSSIER
        puis tapez les 7 lignes / then type the 7 lines:

        """
        for (index, line) in lines.enumerated() { sheet += "    \(index + 1):  \(line)\n" }
        sheet += "\nAprès restauration, l'empreinte doit être / After restoring, the fingerprint must be: \(pair.publicKey.fingerprint)\n"
        if let out {
            try FileSystem.writeNew(Array(sheet.utf8), to: out)
            print(CLIText.sheetWritten(out))
        } else {
            print(sheet, terminator: "")
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
        var lines: [String] = []
        if let sheet {
            lines = String(decoding: try readInput(sheet), as: UTF8.self).split(separator: "\n").map(String.init)
                .filter { $0.range(of: #"^\s*[1-7]\s*[:.]"#, options: .regularExpression) != nil }
        } else {
            print(CLIText.typeSheetLines)
            while lines.count < RecoverySheet.lineCount {
                print("\(lines.count + 1): ", terminator: "")
                guard let line = readLine() else { throw CLIError.usage(CLIText.sheetNotFinished) }
                let candidate = "\(lines.count + 1): " + line
                do {
                    _ = try RecoverySheet.checkLine(candidate, number: lines.count)
                    lines.append(candidate)
                } catch {
                    print(CLIText.typeLineAgain(error))
                }
            }
        }
        let secret = try RecoverySheet.secret(from: lines)
        let pair = try TeamKeyPair(secretKey: secret, name: name)
        print(CLIText.restoredFingerprint(pair.publicKey.fingerprint))
        let fresh = try passphrase.new(CLIText.newRestoredPassphrase, minimum: 12)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = try SecretKeyFile.seal(kind: .team, publicKey: pair.publicKey.bytes, name: name, secret: pair.secretKey, passphrase: fresh, cost: .moderate)
        try FileSystem.writeNew(file.bytes, to: secretPath)
        try FileSystem.writeNew(PublicKeyFile.encode(pair.publicKey), to: publicPath)
        print(CLIText.written(secretPath, publicPath))
    }
}
