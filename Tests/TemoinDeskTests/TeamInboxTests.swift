import Foundation
import TemoinCrypto
@testable import TemoinDesk
@testable import TemoinFormat
import TemoinForms
@testable import TemoinStorage
@testable import TemoinTeam
import XCTest

final class TeamInboxTests: VaultTestCase {
    private func export(_ vault: DeskVault, _ secrets: DeskSecrets, _ name: String, all: Bool = false) throws -> String {
        let path = folder + "/" + name
        _ = try vault.export(to: path, all: all, secrets: secrets)
        return path
    }

    func testImportRemembersDesksAndIsIdempotent() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let bundle = try export(vault, secrets, "a.tmn")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        let first = try inbox.importBundle(bundle)
        XCTAssertEqual(first.outcome, .imported)
        XCTAssertTrue(first.deskIsNew)
        XCTAssertEqual(first.desk.trust, .new)
        XCTAssertEqual(first.desk.fingerprint, secrets.fingerprint)
        let second = try inbox.importBundle(bundle)
        XCTAssertEqual(second.outcome, .alreadyImported)
        XCTAssertFalse(second.deskIsNew)
        XCTAssertEqual(try inbox.bundles().count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/inbox/bundles").count, 1)
        XCTAssertEqual(try BundleReader.read(try inbox.bundles()[0].path).recordIDs.count, 1)
    }

    /// An inbox written by an older build (schema v1: bundles keyed by their id alone, no digest) is migrated
    /// in place: its bundle stays, a re-import of it is recognised from its copy, and an id it holds does not
    /// keep another desk's bundle out.
    func testAnInboxOfTheFirstSchemaIsMigrated() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let bundle = try export(vault, secrets, "a.tmn")
        let manifest = try BundleReader.read(bundle)
        let id = Hex.encode(manifest.header.bundleID), key = Hex.encode(manifest.header.deskPublicKey)
        let directory = folder + "/old-inbox"
        try FileManager.default.createDirectory(atPath: directory + "/bundles", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bundle, toPath: directory + "/bundles/\(id).tmn")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [directory + "/inbox.sqlite", """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1');
            CREATE TABLE desk (public_key BLOB PRIMARY KEY, name TEXT NOT NULL, trust TEXT NOT NULL, first_seen INTEGER NOT NULL);
            CREATE TABLE bundle (bundle_id TEXT PRIMARY KEY, file TEXT NOT NULL, desk_key BLOB NOT NULL REFERENCES desk(public_key),
                                 created_at INTEGER NOT NULL, imported_at INTEGER NOT NULL, record_count INTEGER NOT NULL);
            CREATE TABLE record (record_id BLOB NOT NULL, bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id), PRIMARY KEY (record_id, bundle_id));
            CREATE TABLE withdrawn (record_id BLOB PRIMARY KEY, receipt TEXT NOT NULL, withdrawn_at INTEGER NOT NULL);
            INSERT INTO desk VALUES (X'\(key)', 'Old desk', 'approved', 1);
            INSERT INTO bundle VALUES ('\(id)', '\(id).tmn', X'\(key)', \(manifest.header.createdAt), 2, 1);
            INSERT INTO record VALUES (X'\(Hex.encode(manifest.recordIDs[0]))', '\(id)');
            """]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0)

        let inbox = try TeamInbox(directory: directory)
        XCTAssertEqual(try inbox.bundles().map(\.path), [directory + "/bundles/\(id).tmn"])
        XCTAssertEqual(try inbox.desks().map(\.trust), [.approved])
        XCTAssertEqual(try inbox.recordCounts()[Data(manifest.header.deskPublicKey)], 1)
        XCTAssertEqual(try inbox.importBundle(bundle).outcome, .alreadyImported)
        _ = try vault.seal(testimony(), form: form)
        let later = try inbox.importBundle(try export(vault, secrets, "b.tmn", all: true))
        XCTAssertEqual(later.recordsAlreadyKnown, 1, "a record of the old schema (no hash) counts as delivered by its desk")
        XCTAssertEqual(later.conflictingRecords, 0)
    }

    /// A value of another type than the schema's (text where a number was, a number where bytes were: the
    /// inbox edited or damaged) is refused as an inconsistent inbox, never a crash (GRDB stops the process on it).
    func testValuesOfAnotherTypeInTheInboxAreRefused() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let bundle = try export(vault, secrets, "a.tmn")
        let edits = [("UPDATE desk SET first_seen = 'hier'", true), ("UPDATE desk SET name = x'ff'", true),
                     ("UPDATE bundle SET created_at = 'hier'", false), ("UPDATE bundle SET record_count = 'trois'", false)]
        for (index, (sql, desks)) in edits.enumerated() {
            let inbox = try TeamInbox(directory: folder + "/inbox-\(index)")
            _ = try inbox.importBundle(bundle)
            try inbox.write { db in try db.execute(sql: sql) }
            XCTAssertThrowsError(desks ? try inbox.desks().count : try inbox.bundles().count, sql) { error in
                guard case .inconsistent? = error as? InboxError else { return XCTFail("\(sql): \(error)") }
            }
        }
    }

    func testOverlappingBundlesAreCounted() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let a = try export(vault, secrets, "a.tmn")
        _ = try vault.seal(testimony(), form: form)
        let b = try export(vault, secrets, "b.tmn", all: true)
        let inbox = try TeamInbox(directory: folder + "/inbox")
        XCTAssertEqual(try inbox.importBundle(a).recordsAlreadyKnown, 0)
        XCTAssertEqual(try inbox.importBundle(b).recordsAlreadyKnown, 1)
    }

    func testRevokedDesksAreRefusedAndLeftOut() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let a = try export(vault, secrets, "a.tmn")
        _ = try vault.seal(testimony(), form: form)
        let b = try export(vault, secrets, "b.tmn")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        _ = try inbox.importBundle(a)
        try inbox.setTrust(.revoked, fingerprint: secrets.fingerprint.lowercased())
        XCTAssertThrowsError(try inbox.importBundle(b)) { error in
            XCTAssertEqual(error as? InboxError, .revokedDesk(name: "Permanence", fingerprint: secrets.fingerprint))
            XCTAssertTrue("\(error)".contains("was not imported"))
        }
        XCTAssertEqual(try inbox.bundlesToRead().accepted.bundles.count, 0)
        XCTAssertEqual(try inbox.bundlesToRead().fromRevokedDesks.count, 1)
        try inbox.setTrust(.approved, fingerprint: secrets.fingerprint)
        XCTAssertEqual(try inbox.importBundle(b).outcome, .imported)
        XCTAssertThrowsError(try inbox.setTrust(.approved, fingerprint: "AAAA-AAAA")) { XCTAssertTrue("\($0)".contains("No known desk")) }
    }

    func testAnImpostorUsingAKnownNameIsFlagged() throws {
        let (vault, secrets) = try makeVault("genuine")
        _ = try vault.seal(testimony(), form: form)
        let genuine = try export(vault, secrets, "genuine.tmn")
        let (impostor, impostorSecrets) = try makeVault("impostor")   // same desk name "Permanence", other key
        _ = try impostor.seal(testimony(), form: form)
        let fake = try export(impostor, impostorSecrets, "fake.tmn")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        _ = try inbox.importBundle(genuine)
        let result = try inbox.importBundle(fake)
        XCTAssertTrue(result.deskIsNew)
        XCTAssertEqual(result.nameClash?.fingerprint, secrets.fingerprint)
    }

    /// Desk names that print alike share a name key; names that read differently do not.
    func testDeskNamesThatPrintAlikeShareANameKey() {
        let key = TeamInbox.nameKey("Permanence Lyon")
        for alike in ["permanence lyon", "PERMANÉNCE  LYON", "Perma\u{200B}nence Lyon", "Реrmanеnce Lуon", "ΡΕRΜΑΝΕΝCΕ LYΟN",
                      "Ｐｅｒｍａｎｅｎｃｅ Ｌｙｏｎ", "\u{1D40F}ermanence \u{1D40B}yon"] {
            XCTAssertEqual(TeamInbox.nameKey(alike), key, alike)
        }
        for other in ["Permanence Lille", "Permanence Lyon 2", "Permanence", "Lyon"] {
            XCTAssertNotEqual(TeamInbox.nameKey(other), key, other)
        }
        XCTAssertNotEqual(TeamInbox.nameKey("Lyon 1"), TeamInbox.nameKey("Lyon 2"))
    }

    /// An inbox that imported, before the fix, a bundle whose desk name carries `ESC [8m` and a carriage return
    /// still holds that name: the known desks are read with each such character as U+FFFD (`team desks`).
    func testADeskNameKeptWithTerminalSequencesIsReadSafely() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let inbox = try TeamInbox(directory: folder + "/inbox")
        _ = try inbox.importBundle(try export(vault, secrets, "a.tmn"))
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [folder + "/inbox/inbox.sqlite", "UPDATE desk SET name = 'Perm' || char(27) || '[8m' || char(13)"]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0)
        XCTAssertEqual(try inbox.desks().map(\.name), ["Perm\u{FFFD}[8m\u{FFFD}"])
    }

    func testWithdrawalSurvivesReimport() throws {
        let (vault, secrets) = try makeVault()
        let sealed = try vault.seal(testimony(), form: form)
        let a = try export(vault, secrets, "a.tmn")
        let inbox = try TeamInbox(directory: folder + "/inbox")
        _ = try inbox.importBundle(a)
        try inbox.withdraw(recordID: Hex.decode(sealed.recordID)!, receipt: sealed.receipt)
        let again = try export(vault, secrets, "again.tmn", all: true)
        _ = try inbox.importBundle(again)
        XCTAssertEqual(try inbox.withdrawnRecordIDs(), [Hex.decode(sealed.recordID)!])
    }

    func testCorruptedBundleIsNotImported() throws {
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let a = try export(vault, secrets, "a.tmn")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: a))
        bytes[100] ^= 1
        try bytes.write(to: URL(fileURLWithPath: a + ".bad"))
        let inbox = try TeamInbox(directory: folder + "/inbox")
        XCTAssertThrowsError(try inbox.importBundle(a + ".bad")) { guard case VaultError.bundle = $0 else { return XCTFail("\($0)") } }
        XCTAssertEqual(try inbox.bundles().count, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/inbox/bundles"), [])
    }

    func testInboxOnAReadOnlyDiskIsReportedAndStillReadable() throws {
        guard getuid() == 0 else { throw XCTSkip("mounting a tmpfs needs root: run the tests as root (CI does)") }
        let (vault, secrets) = try makeVault()
        _ = try vault.seal(testimony(), form: form)
        let a = try export(vault, secrets, "a.tmn")
        let point = folder + "/ro"
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        func sh(_ args: [String]) -> Int32 {
            let p = Process(); p.executableURL = URL(fileURLWithPath: args[0]); p.arguments = Array(args.dropFirst())
            try? p.run(); p.waitUntilExit(); return p.terminationStatus
        }
        guard sh(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", point]) == 0 else { throw XCTSkip("mounting a tmpfs is not permitted here: run the tests in a container allowed to mount") }
        defer { _ = sh(["/bin/umount", "-l", point]) }
        do {
            let inbox = try TeamInbox(directory: point + "/inbox")
            _ = try inbox.importBundle(a)
        }
        _ = try vault.seal(testimony(), form: form)
        let b = try export(vault, secrets, "b.tmn")
        XCTAssertEqual(sh(["/bin/mount", "-o", "remount,ro", point]), 0)
        XCTAssertThrowsError(try TeamInbox(directory: point + "/inbox").importBundle(b)) { error in
            guard case VaultError.notWritable = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("Choose another place"))
        }
        let readOnly = try TeamInbox(directory: point + "/inbox", readOnly: true)
        XCTAssertEqual(try readOnly.bundles().count, 1)
        XCTAssertEqual(try readOnly.desks().count, 1)
    }
}
