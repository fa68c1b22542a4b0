import Foundation
import TemoinCrypto
import TemoinForms
@testable import TemoinDesk
import TemoinFormat
import TemoinStorage
import XCTest

/// The team-key binding, the encrypted storage of sealed records, and the upgrade of older vaults.
final class VaultProtectionTests: VaultTestCase {
    /// Every change to the list made without the desk secret stops sealing; the draft stays a draft.
    func testTeamKeyListChangedBehindTheDesksBackStopsSealing() throws {
        let intruder = "X'" + Hex.encode(TeamKeyPair(name: "Équipe").publicKey.bytes) + "'"
        let tampering: [(String, String, VaultError)] = [
            ("a row inserted", "INSERT INTO team_key (public_key, name) VALUES (\(intruder), 'Équipe')", .teamKeysChanged),
            ("a key renamed", "UPDATE team_key SET name = 'Autre équipe'", .teamKeysChanged),
            ("a key replaced", "UPDATE team_key SET public_key = \(intruder)", .teamKeysChanged),
            ("the binding removed", "DELETE FROM setting WHERE name = 'team_keys_mac'", .teamKeysUnconfirmed),
            ("the binding replaced", "UPDATE setting SET value = zeroblob(32) WHERE name = 'team_keys_mac'", .teamKeysChanged),
        ]
        for (index, (what, sql, expected)) in tampering.enumerated() {
            let (vault, secrets) = try makeVault("vault-\(index)")
            var draft = Draft(form: form)
            draft.answers = testimony()
            try vault.saveDraft(draft, secrets: secrets)
            try vault.write { db in try db.execute(sql: sql) }
            XCTAssertThrowsError(try vault.seal(draft: draft, form: form), what) { XCTAssertEqual($0 as? VaultError, expected, what) }
            XCTAssertThrowsError(try vault.addTeamKey(TeamKeyPair(name: "x").publicKey), what) { XCTAssertEqual($0 as? VaultError, expected, what) }
            XCTAssertEqual(try vault.status(), VaultStatus(drafts: 1, awaitingExport: 0, exported: 0), what)
            XCTAssertEqual(try vault.drafts(secrets: secrets, forms: [form]).drafts.first?.answers, draft.answers, what)
        }
    }

    /// Rows whose values have another type than the schema's (the vault edited or damaged) do not stop the desk
    /// (GRDB stops the process on them): a draft that cannot be read is counted unreadable, a team-key row
    /// that holds no key is no key to seal to, and a bound key turned into something else stops sealing.
    func testValuesOfAnotherTypeInTheVaultAreLeftOutOrRefused() throws {
        let (vault, secrets) = try makeVault()
        var draft = Draft(form: form)
        draft.answers = testimony()
        try vault.saveDraft(draft, secrets: secrets)
        try vault.write { db in
            try db.execute(sql: "INSERT INTO draft (id, envelope) VALUES (NULL, x'00'), ('a number', 5), (x'ff', x'00')")
            try db.execute(sql: "INSERT INTO team_key (public_key, name) VALUES (5, 'a number')")
        }
        let drafts = try vault.drafts(secrets: secrets, forms: [form])
        XCTAssertEqual(drafts.drafts.map(\.answers), [draft.answers])
        XCTAssertEqual(drafts.unreadable, 3)
        XCTAssertEqual(try vault.teamKeys().map(\.bytes), [team.publicKey.bytes])
        try vault.write { db in try db.execute(sql: "UPDATE team_key SET name = x'ff' WHERE typeof(public_key) = 'blob'") }
        XCTAssertEqual(try vault.teamKeys().count, 0)
        XCTAssertThrowsError(try vault.seal(draft: draft, form: form)) { XCTAssertEqual($0 as? VaultError, .teamKeysChanged) }
    }

    /// A desk key in the vault that cannot be read (the database edited or damaged) is said to be the vault's own
    /// damaged key, whatever asks for it: before, the parser's "not a Témoin secret key file (team.key)" named a
    /// file the volunteer never gave.
    func testADamagedDeskKeyInTheVaultIsSaidSo() throws {
        let (vault, _) = try makeVault()
        for (what, sql) in [("cut", "UPDATE setting SET value = substr(value, 1, 20) WHERE name = 'desk_key'"),
                            ("another kind", "UPDATE setting SET value = x'00112233' WHERE name = 'desk_key'")] {
            try vault.write { db in try db.execute(sql: sql) }
            let expected = VaultError.deskKeyDamaged(path: folder + "/vault")
            XCTAssertThrowsError(try vault.deskName(), what) { XCTAssertEqual($0 as? VaultError, expected, what) }
            XCTAssertThrowsError(try vault.unlock(passphrase: passphrase), what) { XCTAssertEqual($0 as? VaultError, expected, what) }
        }
    }

    /// A key re-activated behind the desk's back is a change too; retiring it restores the bound list.
    func testRetiringTheKeySlippedInRestoresTheBoundList() throws {
        let (vault, _) = try makeVault()
        let second = TeamKeyPair(name: "Deuxième")
        try vault.addTeamKey(second.publicKey)
        XCTAssertTrue(try vault.retireTeamKey(fingerprint: second.publicKey.fingerprint))
        _ = try vault.seal(testimony(), form: form)
        try vault.write { db in try db.execute(sql: "UPDATE team_key SET active = 1") }
        XCTAssertThrowsError(try vault.seal(testimony(), form: form)) { XCTAssertEqual($0 as? VaultError, .teamKeysChanged) }
        XCTAssertTrue(try vault.retireTeamKey(fingerprint: second.publicKey.fingerprint))
        XCTAssertNoThrow(try vault.checkTeamKeys())
        XCTAssertEqual(try vault.teamKeys(), [team.publicKey])
        _ = try vault.seal(testimony(), form: form)
        XCTAssertEqual(try vault.status().awaitingExport, 2)
    }

    /// Confirming binds the list as shown; sealing then goes to every key in it.
    func testConfirmBindsTheListAsItIs() throws {
        let (vault, secrets) = try makeVault()
        let second = TeamKeyPair(name: "Deuxième")
        try vault.write { db in
            try db.execute(sql: "INSERT INTO team_key (public_key, name) VALUES (X'\(Hex.encode(second.publicKey.bytes))', 'Deuxième')")
        }
        XCTAssertThrowsError(try vault.checkTeamKeys())
        XCTAssertEqual(try vault.confirmTeamKeys(), [team.publicKey, second.publicKey])
        _ = try vault.seal(testimony(), form: form)
        _ = try vault.export(to: folder + "/b.tmn", secrets: secrets)
        var opened = 0
        _ = try BundleReader.read(folder + "/b.tmn") { envelope in
            XCTAssertNoThrow(try envelope.open(with: [second]))
            XCTAssertNoThrow(try envelope.open(with: [self.team]))
            opened += 1
        }
        XCTAssertEqual(opened, 1)
    }

    /// Sealing and changing the recipients need the passphrase; reading the list does not.
    func testALockedVaultNeitherSealsNorChangesTeamKeys() throws {
        let (created, _) = try makeVault()
        let directory = created.directory
        _ = consume created
        let vault = try DeskVault.open(at: directory)
        XCTAssertEqual(try vault.teamKeys(), [team.publicKey])
        XCTAssertThrowsError(try vault.seal(testimony(), form: form)) { XCTAssertEqual($0 as? VaultError, .locked) }
        XCTAssertThrowsError(try vault.addTeamKey(TeamKeyPair(name: "x").publicKey)) { XCTAssertEqual($0 as? VaultError, .locked) }
        XCTAssertThrowsError(try vault.retireTeamKey(fingerprint: team.publicKey.fingerprint)) { XCTAssertEqual($0 as? VaultError, .locked) }
        XCTAssertThrowsError(try vault.confirmTeamKeys()) { XCTAssertEqual($0 as? VaultError, .locked) }
        _ = try vault.unlock(passphrase: passphrase)
        _ = try vault.seal(testimony(), form: form)
        vault.forgetSecrets()
        XCTAssertThrowsError(try vault.seal(testimony(), form: form)) { XCTAssertEqual($0 as? VaultError, .locked) }
    }

    /// New desk passphrases have at least 12 characters (code points, as typed); 11 is refused.
    func testNewDeskPassphrasesHaveTwelveCharacters() throws {
        let eleven = SecretBytes(utf8: "éèàçùâêîôû1")
        XCTAssertEqual(PassphraseRules.length(of: eleven), 11)
        XCTAssertThrowsError(try DeskVault.create(at: folder + "/short", deskName: "x", teamKeys: [team.publicKey], passphrase: eleven,
                                                  cost: Self.testCost)) {
            XCTAssertEqual($0 as? VaultError, .passphraseTooShort(minimum: 12))
        }
        XCTAssertFalse(DeskVault.exists(at: folder + "/short"))
        let (vault, secrets) = try makeVault()
        XCTAssertThrowsError(try vault.changePassphrase(secrets: secrets, to: eleven, cost: Self.testCost))
        try vault.changePassphrase(secrets: secrets, to: SecretBytes(utf8: "éèàçùâêîôû12"), cost: Self.testCost)
        XCTAssertEqual(try vault.unlock(passphrase: SecretBytes(utf8: "éèàçùâêîôû12")).publicKey, secrets.publicKey)
        XCTAssertEqual(PassphraseCost.desk, .moderate)
    }

    /// A vault written by the previous version (schema v1, INTERACTIVE desk key, a 9-character
    /// passphrase, record ids and the export log in clear) opens; its first unlock re-stores the records
    /// encrypted in one transaction; nothing of the old tables stays in any file; the records export.
    func testLegacyVaultIsUpgradedAtItsFirstUnlock() throws {
        let directory = folder + "/legacy"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: GoldenFiles.folder + "/legacy-v1/vault.sqlite", toPath: directory + "/vault.sqlite")
        let vault = try DeskVault.open(at: directory)
        XCTAssertEqual(try vault.status(), VaultStatus(drafts: 0, awaitingExport: 1, exported: 2), "counts before the first unlock")
        XCTAssertEqual(try vault.deskKey().cost, .interactive)
        let ids = try vault.read { db in try Data.fetchAll(db, sql: "SELECT record_id FROM record ORDER BY seq").map { [UInt8]($0) } }
        let paths = try vault.read { db in try String.fetchAll(db, sql: "SELECT path FROM export") }
        XCTAssertEqual(ids.count, 3)
        XCTAssertEqual(paths, ["first.tmn"])
        XCTAssertTrue(allBytes(under: directory).contains { $0.1.contains(ids[0]) }, "the scan below can see an id")

        let secrets = try vault.unlock(passphrase: SecretBytes(utf8: "ancienne1"))
        XCTAssertEqual(try vault.status(), VaultStatus(drafts: 0, awaitingExport: 1, exported: 2), "counts kept")
        XCTAssertFalse(try vault.read { db in try db.tableExists("record") || db.tableExists("export") })
        for (name, bytes) in allBytes(under: directory) {
            for id in ids { XCTAssertFalse(bytes.contains(id), "a record id stayed in \(name)") }
            XCTAssertFalse(bytes.contains(Array("first.tmn".utf8)), "the export log stayed in \(name)")
        }
        // An older vault's list has no binding yet: sealing waits for the volunteer's confirmation.
        XCTAssertThrowsError(try vault.seal(testimony(), form: form)) { XCTAssertEqual($0 as? VaultError, .teamKeysUnconfirmed) }
        XCTAssertEqual(try vault.confirmTeamKeys().map(\.fingerprint), ["WXSV-CP22-BUZH-4NKP-6XQD"])
        _ = try vault.seal(testimony(), form: form)

        let golden = try SecretKeyFile(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: GoldenFiles.folder + "/team.key"))))
            .openTeamKey(passphrase: SecretBytes(utf8: "correct horse battery staple"))
        XCTAssertEqual(try vault.export(to: folder + "/new.tmn", secrets: secrets).recordCount, 2, "the one awaiting, and the new one")
        let manifest = try BundleReader.read(folder + "/new.tmn") { envelope in
            XCTAssertNoThrow(try envelope.open(with: [golden]))
        }
        XCTAssertEqual(manifest.recordIDs.first, ids[2], "the record sealed before the upgrade comes first")
        let all = try BundleReader.read(try vault.export(to: folder + "/all.tmn", all: true, secrets: secrets).path)
        XCTAssertEqual(Array(all.recordIDs.prefix(3)), ids, "sealing order kept")
    }

    /// Derived keys differ by purpose and from the draft key; the tag depends on every key and name.
    func testDerivedKeysAndTheListEncoding() throws {
        let secrets = DeskSecrets()
        let list = secrets.derivedKey(.teamKeyList), storage = secrets.derivedKey(.storage)
        XCTAssertFalse(list.isEqual(to: storage))
        XCTAssertFalse(list.isEqual(to: secrets.draftKey))
        let other = TeamKeyPair(name: "B").publicKey
        let a = TeamKeyBinding.encode([team.publicKey, other]), b = TeamKeyBinding.encode([other, team.publicKey])
        XCTAssertEqual(a, b, "the row order does not matter")
        XCTAssertNotEqual(a, TeamKeyBinding.encode([team.publicKey]))
        XCTAssertNotEqual(a, TeamKeyBinding.encode([team.publicKey, try TeamPublicKey(bytes: other.bytes, name: "C")]))
        XCTAssertTrue(KeyedHash.verify(KeyedHash.tag(a, key: list), message: b, key: list))
        XCTAssertFalse(KeyedHash.verify(KeyedHash.tag(a, key: list), message: b, key: storage))
    }
}

/// Where the committed files of `Tests/Golden` are.
enum GoldenFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path
}
