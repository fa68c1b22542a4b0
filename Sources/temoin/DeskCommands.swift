import ArgumentParser
import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinForms
import TemoinStorage

/// `temoin desk`: the desk UI (default) and the desk set-up.
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Set up the desk vault and the team keys it seals to.",
        subcommands: [DeskInitCommand.self, DeskPassphraseCommand.self, DeskTeamKeyCommand.self])
}

/// `temoin desk init`: creates the vault and the desk identity.
struct DeskInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the desk vault: the team public key(s) to seal to, a desk name and a desk passphrase.")

    @Option(name: .customLong("team-key"), help: ArgumentHelp("A team public key file (team.pub); repeat for several team members.", valueName: "PUB"))
    var teamKeys: [String] = []

    @Option(help: "A name for this desk, shown to the team (e.g. \"Permanence Belleville\").")
    var name: String = "Desk"

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func validate() throws {
        if teamKeys.isEmpty { throw ValidationError(CLIText.giveTeamKey) }
    }

    func run() throws {
        let keys = try teamKeys.map(readTeamPublicKey)
        if DeskVault.exists(at: vault.directory) { throw VaultError.alreadyExists(path: vault.directory) }
        let secret = try passphrase.new(CLIText.newDeskPassphrase, minimum: PassphraseRules.deskMinimum)
        let (created, secrets) = try DeskVault.create(at: vault.directory, deskName: name, teamKeys: keys, passphrase: secret)
        StandardStreams.line(CLIText.vaultCreated(created.directory))
        StandardStreams.line(CLIText.deskFingerprint(name, secrets.fingerprint))
        for key in keys { StandardStreams.line(CLIText.sealsTo(key.name, key.fingerprint)) }
        StandardStreams.line(CLIText.compareByPhone)
    }
}

/// `temoin status`: counts and fingerprints.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show drafts, records awaiting export, exported records, and the fingerprints.")

    @OptionGroup var vault: VaultOptions
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let desk = try DeskVault.open(at: vault.directory)
        let status = try desk.status()
        let teamKeys = try desk.teamKeys()
        let form = try desk.questionnaire()
        if json {
            let object: [String: Any] = [
                "vault": desk.directory,
                "desk": ["name": try desk.deskName(), "fingerprint": try desk.deskFingerprint()],
                "drafts": status.drafts,
                "awaiting_export": status.awaitingExport,
                "exported": status.exported,
                "team_keys": teamKeys.map { ["name": $0.name, "fingerprint": $0.fingerprint] },
                "form": ["id": form.id, "version": form.version],
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            StandardStreams.line(String(decoding: data, as: UTF8.self))
        } else {
            StandardStreams.line(CLIText.statusVault(desk.directory))
            StandardStreams.line(CLIText.statusDesk(try desk.deskName(), try desk.deskFingerprint()))
            for key in teamKeys { StandardStreams.line(CLIText.statusTeamKey(key.name, key.fingerprint)) }
            StandardStreams.line(CLIText.statusForm(form.id, form.version))
            StandardStreams.line(CLIText.statusDrafts(status.drafts))
            StandardStreams.line(CLIText.statusAwaiting(status.awaitingExport))
            StandardStreams.line(CLIText.statusExported(status.exported))
        }
    }
}

/// `temoin desk passphrase`: changes the desk passphrase.
struct DeskPassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passphrase", abstract: "Change the desk passphrase.")

    @Option(help: ArgumentHelp("Read the new passphrase from FILE (default: ask on the terminal).", valueName: "FILE")) var newPassphraseFile: String?
    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let desk = try DeskVault.open(at: vault.directory)
        let secrets = try desk.unlock(passphrase: passphrase.existing(CLIText.currentDeskPassphrase))
        let fresh = try PassphraseOptions.new(fromFile: newPassphraseFile, CLIText.newDeskPassphrase, minimum: PassphraseRules.deskMinimum)
        try desk.changePassphrase(secrets: secrets, to: fresh)
        StandardStreams.line(CLIText.deskPassphraseChanged)
    }
}

/// `temoin desk team-key`: the team keys new records are sealed to (several members, rotation).
struct DeskTeamKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team-key",
        abstract: "List, add or retire the team public keys that new records are sealed to.",
        discussion: """
        To rotate: add the new key, then retire the old one. Records sealed before keep the old key; the team opens them with it.

        The list is bound to the desk passphrase: adding, retiring and confirming ask for it, and sealing refuses a list \
        changed by any other means. `confirm` binds the list as it is now, after you compared every fingerprint with the \
        team by phone: needed once for a vault made by an earlier Témoin, or after sealing refused the list.
        """,
        subcommands: [List.self, Add.self, Retire.self, Confirm.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the team keys in use (the default).")
        @OptionGroup var vault: VaultOptions

        func run() throws {
            for key in try DeskVault.open(at: vault.directory).teamKeys() { StandardStreams.line("\(key.fingerprint)  \(key.name)") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Seal new records to one more team key (a new member, or the next key of a rotation).")
        @OptionGroup var vault: UnlockedVaultOptions
        @Argument(help: ArgumentHelp("The team public key file.", valueName: "PUB")) var file: String

        func run() throws {
            let key = try readTeamPublicKey(file)
            try vault.unlocked().addTeamKey(key)
            StandardStreams.line(CLIText.teamKeyAdded(key.name, key.fingerprint))
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retire", abstract: "Stop sealing new records to a team key (records sealed before keep it).")
        @OptionGroup var vault: UnlockedVaultOptions
        @Argument(help: "The key's fingerprint.") var fingerprint: String

        func run() throws {
            let desk = try vault.unlocked()
            guard try desk.retireTeamKey(fingerprint: ReadableCode.normalise(fingerprint)) else {
                throw CLIError.failed(CLIText.noSuchTeamKey(fingerprint), code: 1)
            }
            StandardStreams.line(CLIText.teamKeyRetired(ReadableCode.normalise(fingerprint)))
            do {
                try desk.checkTeamKeys()
            } catch let error as VaultError where error == .teamKeysChanged || error == .teamKeysUnconfirmed {
                StandardStreams.line(CLIText.keysLeftUnbound)
            }
            for key in try desk.teamKeys() { StandardStreams.line("  \(key.fingerprint)  \(key.name)") }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm", abstract: "Show the team keys, then bind them to the desk passphrase as they are (after a phone check).")
        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            let desk = try DeskVault.open(at: vault.directory)
            StandardStreams.line(CLIText.confirmIntro)
            for key in try desk.teamKeys() { StandardStreams.line("  \(key.fingerprint)  \(key.name)") }
            _ = try desk.unlock(passphrase: passphrase.existing(CLIText.confirmPassphrase))
            let keys = try desk.confirmTeamKeys()
            StandardStreams.line(CLIText.confirmed(keys.count))
        }
    }
}

/// The desk vault and the passphrase that unlocks it: for the commands that change what the desk seals or to whom.
struct UnlockedVaultOptions: ParsableArguments {
    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    /// The vault, unlocked with the desk passphrase (read from the passphrase file, or asked).
    func unlocked() throws -> DeskVault {
        let desk = try DeskVault.open(at: vault.directory)
        _ = try desk.unlock(passphrase: passphrase.existing(CLIText.deskPassphrase))
        return desk
    }
}
