import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms
@testable import TemoinTeam
import XCTest

final class TeamDecryptorTests: XCTestCase {
    private var folder = ""
    private var form: Questionnaire!
    private let passphrase = SecretBytes(utf8: "phrase du bureau de test")

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "temoin-analysis-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        form = try Questionnaire.builtIn()
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func answers(_ city: String, forces: [String] = ["police_nationale"]) -> Answers {
        ["consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(year: 2026, month: 2, day: nil)),
         "city": .text(city), "forces": .choices(forces), "officer_count": .number(3), "account": .text("Récit à \(city), \"entre guillemets\", virgule\nligne 2")]
    }

    /// A vault sealing to `keys`, with `cities.count` records, exported to `name`.
    private func bundle(_ name: String, keys: [TeamPublicKey], cities: [String], vault: (DeskVault, DeskSecrets)? = nil, all: Bool = false) throws -> (String, DeskVault, DeskSecrets) {
        let (desk, secrets) = try vault ?? DeskVault.create(at: folder + "/vault-" + name, deskName: "Desk " + name, teamKeys: keys, passphrase: passphrase,
                                                            cost: PassphraseCost(opsLimit: 1, memLimit: 8192))
        for city in cities { _ = try desk.seal(answers(city), form: form) }
        let path = folder + "/" + name + ".tmn"
        _ = try desk.export(to: path, all: all, secrets: secrets)
        return (path, desk, secrets)
    }

    /// Decrypts as `temoin team decrypt` does: lines prepared on the cores that open the records.
    private func decrypt(_ bundles: [String], keys: [TeamKeyPair], salvage: Bool = false, format: OutputFormat = .jsonl,
                         withdrawn: Set<[UInt8]> = [], batchSize: Int = 1024) throws -> (String, DecryptReport) {
        try decrypt(.files(bundles), keys: keys, salvage: salvage, format: format, withdrawn: withdrawn, batchSize: batchSize)
    }

    private func decrypt(_ bundles: TeamBundles, keys: [TeamKeyPair], salvage: Bool = false, format: OutputFormat = .jsonl,
                         withdrawn: Set<[UInt8]> = [], batchSize: Int = 1024) throws -> (String, DecryptReport) {
        var out: [UInt8] = []
        let output = RecordOutput(format: format, form: form) { out += $0 }
        var decryptor = TeamDecryptor(keys: keys)
        decryptor.batchSize = batchSize
        let report = try decryptor
            .run(bundles, salvage: salvage, withdrawn: withdrawn, prepare: output.encoder.encode, emit: output.append(encoded:))
        try output.finish()
        return (String(decoding: out, as: UTF8.self), report)
    }

    /// `bundles` imported into a new team inbox, as `temoin team decrypt` reads it (records not hashed again).
    private func inbox(_ bundles: [String]) throws -> (TeamBundles, TeamInbox) {
        let inbox = try TeamInbox(directory: folder + "/inbox-" + UUID().uuidString)
        for path in bundles { _ = try inbox.importBundle(path) }
        return (.inbox(try inbox.bundlesToRead().accepted), inbox)
    }

    func testDecryptsEveryRecordWithItsMetadata() throws {
        let team = TeamKeyPair(name: "team")
        let (path, _, secrets) = try bundle("a", keys: [team.publicKey], cities: ["Paris", "Lyon", "Marseille"])
        let (jsonl, report) = try decrypt([path], keys: [team])
        XCTAssertTrue(report.isClean)
        XCTAssertEqual(report.counts[.ok], 3)
        let lines = jsonl.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.map { ($0["answers"] as! [String: Any])["city"] as! String }, ["Paris", "Lyon", "Marseille"])
        for line in lines {
            XCTAssertEqual(line["desk"] as? String, secrets.fingerprint)
            XCTAssertEqual(line["desk_name"] as? String, "Desk a")
            XCTAssertEqual((line["form"] as? [String: Any])?["id"] as? String, form.id)
            XCTAssertEqual((line["receipt"] as? String)?.count, 9)
            XCTAssertEqual((line["record"] as? String)?.count, 32)
            XCTAssertEqual(((line["answers"] as! [String: Any])["forces"] as? [String]), ["police_nationale"])
            XCTAssertEqual(((line["answers"] as! [String: Any])["officer_count"] as? Int), 3)
        }
    }

    /// Many batches: each opened on the cores while the next is read, the envelopes' storage read into
    /// again, records of other lengths in it. The same lines, in the same order, as in one batch.
    func testRecordsSpreadOverManyBatchesComeOutAsFromOne() throws {
        let team = TeamKeyPair(name: "team")
        let cities = (0..<13).map { String(repeating: "Saint-Denis ", count: 1 + ($0 * 7) % 8) + "\($0)" }
        let (first, _, _) = try bundle("many", keys: [team.publicKey], cities: cities)
        let (second, _, _) = try bundle("more", keys: [team.publicKey], cities: Array(cities.reversed()))
        let copies = try inbox([first, second]).0
        let whole = try decrypt(copies, keys: [team])
        XCTAssertEqual(whole.0.split(separator: "\n").count, 26)
        for size in [1, 2, 5] {
            let batched = try decrypt(copies, keys: [team], batchSize: size)
            XCTAssertEqual(batched.0, whole.0, "batches of \(size)")
            XCTAssertEqual(batched.1.counts, whole.1.counts)
        }
    }

    func testOtherKeyRecordsAreReportedAndTheRestDecrypted() throws {
        let team = TeamKeyPair(name: "team"), other = TeamKeyPair(name: "other")
        let (mine, _, _) = try bundle("mine", keys: [team.publicKey], cities: ["Paris"])
        let (theirs, _, _) = try bundle("theirs", keys: [other.publicKey], cities: ["Lille", "Nantes"])
        let (jsonl, report) = try decrypt([theirs, mine], keys: [team])
        XCTAssertEqual(report.counts[.ok], 1)
        XCTAssertEqual(report.counts[.otherKey], 2)
        XCTAssertFalse(report.isClean)
        XCTAssertEqual(jsonl.split(separator: "\n").count, 1)
        XCTAssertTrue(report.problems.allSatisfy { $0.description.contains("another team key") })
    }

    func testRotatedKeysOpenOldAndNewRecords() throws {
        let old = TeamKeyPair(name: "2025"), new = TeamKeyPair(name: "2026")
        let (first, desk, secrets) = try bundle("before", keys: [old.publicKey], cities: ["Paris"])
        try desk.addTeamKey(new.publicKey)
        _ = try desk.retireTeamKey(fingerprint: old.publicKey.fingerprint)
        let (second, _, _) = try bundle("after", keys: [], cities: ["Lyon"], vault: (desk, secrets))
        XCTAssertEqual(try decrypt([first, second], keys: [new]).1.counts[.otherKey], 1)
        XCTAssertNil(try decrypt([first], keys: [new]).1.counts[.ok], "no record opened: no count of 0 ok")
        let (_, both) = try decrypt([first, second], keys: [new, old])
        XCTAssertEqual(both.counts[.ok], 2)
    }

    func testDuplicatesAcrossBundlesAreOutputOnce() throws {
        let team = TeamKeyPair(name: "team")
        let (first, desk, secrets) = try bundle("one", keys: [team.publicKey], cities: ["Paris", "Lyon"])
        let (second, _, _) = try bundle("two", keys: [], cities: ["Nice"], vault: (desk, secrets), all: true)
        let (jsonl, report) = try decrypt([first, second, first], keys: [team])
        XCTAssertEqual(jsonl.split(separator: "\n").count, 3)
        XCTAssertEqual(report.counts[.ok], 3)
        XCTAssertEqual(report.counts[.duplicate], 4)
    }

    func testEachRecordIsProvenOnItsOwnAndSalvageRecoversTheRest() throws {
        let team = TeamKeyPair(name: "team")
        let (path, _, _) = try bundle("t", keys: [team.publicKey], cities: ["Paris", "Lyon", "Nice"])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func damaged(_ change: (inout [UInt8]) -> Void) throws -> String {
            var changed = bytes
            change(&changed)
            try Data(changed).write(to: URL(fileURLWithPath: path + ".bad"))
            return path + ".bad"
        }
        func cities(_ jsonl: String) -> [String] {
            jsonl.split(separator: "\n").compactMap { line in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return (object?["answers"] as? [String: Any])?["city"] as? String
            }
        }

        // An altered record: the two others are still proven by the signed list.
        let altered = try damaged { $0[$0.count / 2] ^= 0x10 }   // inside the second record's ciphertext
        let (output, report) = try decrypt([altered], keys: [team])
        XCTAssertEqual(cities(output), ["Paris", "Nice"])
        XCTAssertEqual(report.counts[.ok], 2)
        XCTAssertEqual(report.counts[.corrupt], 1)
        XCTAssertEqual(report.problems[0].cause, .notAsSigned(position: 2, found: nil))
        XCTAssertTrue(report.problems[0].description.contains("not the record 2 the desk signed"), report.problems[0].description)
        XCTAssertTrue(report.refusedBundles.isEmpty)
        // An inbox copy (verified whole at import, its hashes not checked again): the damage is still found, by AEAD.
        let (copies, _) = try inbox([path])
        guard case let .inbox(inboxCopies) = copies, let copy = inboxCopies.bundles.first?.path else { return XCTFail("no inbox copy") }
        var changed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copy)))
        changed[changed.count / 2] ^= 0x10
        try Data(changed).write(to: URL(fileURLWithPath: copy))
        let (inboxOutput, inboxReport) = try decrypt(copies, keys: [team])
        XCTAssertEqual(cities(inboxOutput), ["Paris", "Nice"])
        XCTAssertEqual(inboxReport.counts[.corrupt], 1)
        XCTAssertTrue(inboxReport.problems[0].description.contains("altered or damaged"), inboxReport.problems[0].description)

        // A changed header: the bundle proves nothing, refused whole; salvage recovers every intact record, unverified.
        let header = try damaged { $0[40] ^= 1 }
        let (refusedOutput, refused) = try decrypt([header], keys: [team])
        XCTAssertEqual(refusedOutput, "")
        XCTAssertEqual(refused.refusedBundles.count, 1)
        let (salvaged, salvage) = try decrypt([header], keys: [team], salvage: true)
        XCTAssertEqual(cities(salvaged), ["Paris", "Lyon", "Nice"])
        XCTAssertEqual(salvage.counts[.unverified], 3)
        // Salvaged copies never hide the verified ones of a later bundle, and are output once however often given.
        let (_, both) = try decrypt([header, header, path], keys: [team], salvage: true)
        XCTAssertEqual(both.counts[.unverified], 3)
        XCTAssertEqual(both.counts[.duplicate], 3)
        XCTAssertEqual(both.counts[.ok], 3)

        // A broken record length: the records before are proven, the ones after reported; salvage recovers them, unverified.
        let nameLength = Int(bytes[61]) << 8 | Int(bytes[62])
        let first = 63 + nameLength + 8   // version 3: record count, file count
        let second = first + 4 + bytes[first..<first + 4].reduce(0) { $0 << 8 | Int($1) }
        let broken = try damaged { $0[second + 3] ^= 1 }
        let (partial, cut) = try decrypt([broken], keys: [team])
        XCTAssertEqual(cities(partial), ["Paris"])
        XCTAssertEqual(cut.counts[.ok], 1)
        XCTAssertEqual(cut.counts[.corrupt], 2)
        XCTAssertEqual(cut.problems.map(\.cause), [.notRead, .notRead])
        XCTAssertEqual(cut.damagedBundles.count, 1)
        XCTAssertTrue(cut.damagedBundles[0].description.contains("records 2 to 3 were not read"), cut.damagedBundles[0].description)
        XCTAssertFalse(cut.damagedBundles[0].description.contains("refused whole"), cut.damagedBundles[0].description)
        let (recovered, rest) = try decrypt([broken], keys: [team], salvage: true)
        XCTAssertEqual(cities(recovered), ["Paris", "Lyon", "Nice"])
        XCTAssertEqual(rest.counts[.ok], 1)
        XCTAssertEqual(rest.counts[.unverified], 2)
        XCTAssertTrue(recovered.contains("\"status\":\"unverified\""))
        XCTAssertTrue(recovered.split(separator: "\n").filter { $0.contains("\"unverified\"") }.allSatisfy { $0.contains("\"desk_name\":\"\"") },
                      "salvaged records are not taken for the signing desk's")
        // More salvaged records than a batch holds: reporting a batch while they were being added trapped
        // (two accesses to the report at once) on 10,000 records broken at the 51st.
        let (inBatches, batchedRest) = try decrypt([broken], keys: [team], salvage: true, batchSize: 1)
        XCTAssertEqual(inBatches, recovered)
        XCTAssertEqual(batchedRest.counts, rest.counts)

        // Bytes slipped in after the last record: every listed record is proven and output, the bundle reported damaged.
        let manifestStart = bytes.count - 64 - 8 - 3 * 48 - 4   // version 3: the list ends with its file count (0 files)
        let padded = try damaged { $0.insert(contentsOf: [0, 1, 2], at: manifestStart) }
        let (all, junk) = try decrypt([padded], keys: [team])
        XCTAssertEqual(cities(all), ["Paris", "Lyon", "Nice"])
        XCTAssertEqual(junk.counts[.ok], 3)
        XCTAssertEqual(junk.damagedBundles.count, 1)
        XCTAssertFalse(junk.isClean)

        // Two records swapped: each place is reported under the id the desk listed there.
        let third = second + 4 + bytes[second..<second + 4].reduce(0) { $0 << 8 | Int($1) }
        let swapped = try damaged { $0.replaceSubrange(first..<third, with: Array(bytes[second..<third] + bytes[first..<second])) }
        let (_, order) = try decrypt([swapped], keys: [team])
        let manifest = try BundleRecordReader(path: path).manifest
        XCTAssertEqual(order.problems.map(\.recordID), (0..<2).map { Hex.encode(Array(manifest.recordID(at: $0))) })
        XCTAssertTrue(order.problems[0].description.contains("record 1 of the desk's list is missing"), order.problems[0].description)

        // A withdrawn record put in place of another is not taken for a withdrawal: the missing record is reported.
        let (other, _, _) = try bundle("w", keys: [team.publicKey], cities: ["Brest"])
        let otherBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: other)))
        let otherFirst = 63 + (Int(otherBytes[61]) << 8 | Int(otherBytes[62])) + 8
        let otherEnvelope = Array(otherBytes[otherFirst..<otherFirst + 4 + otherBytes[otherFirst..<otherFirst + 4].reduce(0) { $0 << 8 | Int($1) }])
        let withdrawnID = Array(otherEnvelope[4 + 5..<4 + 5 + 16])
        let replaced = try damaged { $0.replaceSubrange(third..<manifestStart, with: otherEnvelope) }
        let (kept, swap) = try decrypt([replaced], keys: [team], withdrawn: [withdrawnID])
        XCTAssertEqual(cities(kept), ["Paris", "Lyon"])
        XCTAssertEqual(swap.counts[.withdrawn], nil)
        XCTAssertEqual(swap.problems.map(\.cause), [.notAsSigned(position: 3, found: Hex.encode(withdrawnID))])
        XCTAssertEqual(swap.problems.map(\.recordID), [Hex.encode(Array(manifest.recordID(at: 2)))])
        XCTAssertFalse(swap.isClean)
    }

    func testCSVIsWhatASpreadsheetExpects() throws {
        let team = TeamKeyPair(name: "team")
        let (path, _, _) = try bundle("csv", keys: [team.publicKey], cities: ["=HYPERLINK(\"x\")", "Saint-Étienne"])
        let (csv, _) = try decrypt([path], keys: [team], format: .csv)
        let rows = csv.components(separatedBy: "\r\n")
        XCTAssertTrue(rows[0].hasPrefix("status,receipt,record,desk,desk_name,desk_trust,bundle,form,form_version,sealed_at,consent,"))
        XCTAssertTrue(rows[1].contains("'=HYPERLINK"), "formulas are neutralised")
        let header = rows[0].components(separatedBy: ",")
        let forces = form.field("forces")!.choices.map { "forces:\($0.id)" }
        XCTAssertEqual(Array(header.drop { $0 != forces[0] }.prefix(forces.count)), forces, "one column per choice")
        let index = header.firstIndex(of: "forces:police_nationale")!
        XCTAssertEqual(rows[2].components(separatedBy: ",")[index], "1")
        XCTAssertEqual(rows[2].components(separatedBy: ",")[header.firstIndex(of: "forces:bac")!], "0")
        XCTAssertTrue(csv.contains("\"Récit à Saint-Étienne, \"\"entre guillemets\"\", virgule\nligne 2\""))
    }
}

// MARK: The inbox cache (InboxCache)

extension TeamDecryptorTests {
    /// Decrypts the inbox as the team commands do (the desks' standing and the withdrawn records from the
    /// inbox), as JSON Lines.
    private func decrypt(_ inbox: TeamInbox, keys: [TeamKeyPair], approvedOnly: Bool = false) throws -> (String, DecryptReport) {
        var out: [UInt8] = []
        let output = RecordOutput(format: .jsonl, form: form) { out += $0 }
        var decryptor = TeamDecryptor(keys: keys)
        decryptor.deskTrust = try inbox.trustByDesk()
        decryptor.approvedOnly = approvedOnly
        let report = try decryptor.run(.inbox(try inbox.bundlesToRead().accepted), withdrawn: try inbox.withdrawnRecordIDs(),
                                       prepare: output.encoder.encode, emit: output.append(encoded:))
        try output.finish()
        return (String(decoding: out, as: UTF8.self), report)
    }

    /// The cache files of `inbox`.
    /// Decrypts `inbox` again with `keys` and checks that `fromCache` bundles were read from the cache and that
    /// the output and every count are `expected`'s; returns that report.
    @discardableResult
    private func assertDecryptsAgain(_ inbox: TeamInbox, keys: [TeamKeyPair], fromCache: Int, as expected: (String, DecryptReport),
                                     _ message: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> DecryptReport {
        let (out, report) = try decrypt(inbox, keys: keys)
        XCTAssertEqual(report.bundlesFromCache, fromCache, message, file: file, line: line)
        XCTAssertEqual(out, expected.0, message, file: file, line: line)
        XCTAssertEqual(summary(report), summary(expected.1), message, file: file, line: line)
        return report
    }

    private func caches(_ inbox: TeamInbox) -> [String] {
        let folder = inbox.directory + "/cache"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".cache") }.sorted().map { folder + "/" + $0 }
    }

    /// What a person reads of a report: the counts, each problem, the standing of the desks, the unknown key ids.
    private func summary(_ report: DecryptReport) -> String {
        "\(report.counts.sorted { $0.key.rawValue < $1.key.rawValue }) \(report.problems.map(\.description)) "
            + "\(report.trustCounts.sorted { $0.key.rawValue < $1.key.rawValue }) \(report.unknownRecipients.sorted { $0.key < $1.key })"
    }

    private func lines(_ jsonl: String) -> [[String: Any]] {
        jsonl.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func testTheInboxCacheGivesWhatOpeningTheRecordsGives() throws {
        let team = TeamKeyPair(name: "team"), other = TeamKeyPair(name: "other"), unnamed = TeamKeyPair(name: "unnamed")
        let (first, desk, secrets) = try bundle("c1", keys: [team.publicKey, unnamed.publicKey], cities: ["Paris", "Lyon", "Nice"])
        let (second, _, _) = try bundle("c2", keys: [], cities: ["Brest"], vault: (desk, secrets), all: true)   // overlaps: duplicates
        let (foreign, _, _) = try bundle("c3", keys: [other.publicKey], cities: ["Lille"])                   // another team's key
        let (_, inbox) = try inbox([first, second, foreign])
        let (fresh, freshReport) = try decrypt(inbox, keys: [team])
        XCTAssertEqual(freshReport.bundlesFromCache, 0)
        XCTAssertEqual(caches(inbox).count, 1, "written after the decryption")
        let cachedReport = try assertDecryptsAgain(inbox, keys: [team], fromCache: 3, as: (fresh, freshReport))
        XCTAssertEqual(cachedReport.counts[.duplicate], 3)
        XCTAssertEqual(cachedReport.counts[.otherKey], 1)
        XCTAssertEqual(cachedReport.unknownRecipients.count, 1, "the key id nobody named, from the cache too")

        // A withdrawal changes what is read: the cache is not used, then written again without the record.
        guard let lyon = lines(fresh).first(where: { ($0["answers"] as? [String: Any])?["city"] as? String == "Lyon" }),
              let id = (lyon["record"] as? String).flatMap(Hex.decode), let receipt = lyon["receipt"] as? String else { return XCTFail("no Lyon") }
        try inbox.withdraw(recordID: id, receipt: receipt)
        let (afterWithdrawal, report) = try decrypt(inbox, keys: [team])
        XCTAssertEqual(report.bundlesFromCache, 0)
        XCTAssertFalse(afterWithdrawal.contains("Lyon"))
        XCTAssertEqual(report.counts[.withdrawn], 2, "in both bundles")
        try assertDecryptsAgain(inbox, keys: [team], fromCache: 3, as: (afterWithdrawal, report))
    }

    /// After an import, the bundles of the cache are read back and only the new one is opened; what comes
    /// out is what opening every record gives, and the cache then holds every bundle.
    func testAfterAnImportOnlyTheNewBundleIsOpenedAndItsRecordsAppear() throws {
        let team = TeamKeyPair(name: "team")
        let (first, desk, secrets) = try bundle("s1", keys: [team.publicKey], cities: ["Paris", "Lyon"])
        let (_, inbox) = try inbox([first])
        XCTAssertEqual(lines(try decrypt(inbox, keys: [team]).0).count, 2)
        XCTAssertEqual(try decrypt(inbox, keys: [team]).1.bundlesFromCache, 1)
        let (second, _, _) = try bundle("s2", keys: [], cities: ["Nice"], vault: (desk, secrets), all: true)   // Paris and Lyon again
        _ = try inbox.importBundle(second)
        let (after, report) = try decrypt(inbox, keys: [team])
        XCTAssertEqual(report.bundlesFromCache, 1, "the first bundle read back, the new one opened")
        XCTAssertEqual(lines(after).compactMap { ($0["answers"] as? [String: Any])?["city"] as? String }, ["Paris", "Lyon", "Nice"])
        XCTAssertEqual(report.counts[.duplicate], 2)
        var opened = TeamDecryptor(keys: [team])
        opened.usesCache = false
        opened.deskTrust = try inbox.trustByDesk()
        var lines: [String] = []
        let output = RecordOutput(format: .jsonl, form: form) { lines.append(String(decoding: $0, as: UTF8.self)) }
        let openedReport = try opened.run(.inbox(try inbox.bundlesToRead().accepted), prepare: output.encoder.encode, emit: output.append(encoded:))
        try output.finish()
        XCTAssertEqual(after, lines.joined(), "as if every record were opened")
        XCTAssertEqual(summary(report), summary(openedReport))
        try assertDecryptsAgain(inbox, keys: [team], fromCache: 2, as: (after, report))
    }

    func testADamagedTruncatedOrForeignCacheIsRebuiltAndChangesNothing() throws {
        let team = TeamKeyPair(name: "team"), colleague = TeamKeyPair(name: "colleague")
        let (path, _, _) = try bundle("d", keys: [team.publicKey, colleague.publicKey], cities: ["Paris", "Lyon", "Nice"])
        let (_, inbox) = try inbox([path])
        let (fresh, freshReport) = try decrypt(inbox, keys: [team])
        guard let cache = caches(inbox).first else { return XCTFail("no cache written") }
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache)))
        var flipped = good, lastFlipped = good, headerFlipped = good, older = good, stampFlipped = good
        flipped[good.count / 2] ^= 0x01
        lastFlipped[good.count - 1] ^= 0x80
        headerFlipped[3] ^= 0x20
        older[8] = 1   // the version before the compact form: the payloads' JSON
        stampFlipped[9] ^= 0x01
        let damages: [(String, [UInt8])] = [
            ("a byte changed", flipped), ("the last byte changed", lastFlipped), ("the magic changed", headerFlipped),
            ("an older version", older), ("the withdrawal stamp changed", stampFlipped),
            ("cut short by 1", Array(good.dropLast())), ("cut in half", Array(good.prefix(good.count / 2))), ("empty", []),
            ("a byte after its end", good + [0]),
        ]
        for (damage, bytes) in damages {
            try Data(bytes).write(to: URL(fileURLWithPath: cache))
            try assertDecryptsAgain(inbox, keys: [team], fromCache: 0, as: (fresh, freshReport), damage)
            XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: cache))).count, good.count, "\(damage): written again")
            XCTAssertEqual(try decrypt(inbox, keys: [team]).1.bundlesFromCache, 1, "\(damage): the new cache is used")
        }
        // Each key set has its own cache, under a key derived from its secret keys: one put in another's place is not read.
        let (theirs, _) = try decrypt(inbox, keys: [colleague])
        XCTAssertEqual(caches(inbox).count, 2)
        guard let other = caches(inbox).first(where: { $0 != cache }) else { return XCTFail("one cache per key") }
        try FileManager.default.removeItem(atPath: cache)
        try FileManager.default.copyItem(atPath: other, toPath: cache)
        let (out, report) = try decrypt(inbox, keys: [team])
        XCTAssertEqual(report.bundlesFromCache, 0, "another key's cache")
        XCTAssertEqual(out, fresh)
        XCTAssertEqual(try decrypt(inbox, keys: [colleague]).0, theirs)

        // A cache that cannot be written (here `cache` is a file, not a folder) changes nothing but the time.
        try FileManager.default.removeItem(atPath: inbox.directory + "/cache")
        XCTAssertTrue(FileManager.default.createFile(atPath: inbox.directory + "/cache", contents: Data("not a folder".utf8)))
        for _ in 0..<2 {
            try assertDecryptsAgain(inbox, keys: [team], fromCache: 0, as: (fresh, freshReport))
        }
    }

    func testNoTestimonyIsInClearInAnyFileOfTheInbox() throws {
        let team = TeamKeyPair(name: "team")
        let canary = "CANARI-\(UUID().uuidString)"
        let (path, _, _) = try bundle("canary", keys: [team.publicKey], cities: [canary, "Lyon"])
        let (_, inbox) = try inbox([path])
        XCTAssertTrue(try decrypt(inbox, keys: [team]).0.contains(canary))
        XCTAssertEqual(try decrypt(inbox, keys: [team]).1.bundlesFromCache, 1)
        XCTAssertFalse(caches(inbox).isEmpty)
        var files = 0
        let walker = FileManager.default.enumerator(atPath: inbox.directory)
        while let name = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let file = inbox.directory + "/" + name
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files += 1
            XCTAssertNil(try Data(contentsOf: URL(fileURLWithPath: file)).range(of: Data(canary.utf8)), name)
        }
        XCTAssertGreaterThanOrEqual(files, 3, "the database, the bundle and the cache")
    }

    /// The cache keeps the payloads in their compact form (`CompactPayload`), encrypted: a canary in a short
    /// and a long answer is in no file of the inbox; read back, each testimony is what opening it gives.
    func testTheCompactFormIsInNoFileInClearAndGivesWhatOpeningGives() throws {
        let team = TeamKeyPair(name: "team")
        let canary = "CANARI\(UUID().uuidString.prefix(8))", long = String(repeating: "récit \(canary) ", count: 40)
        let vault = try DeskVault.create(at: folder + "/vault-compact", deskName: "Desk compact", teamKeys: [team.publicKey], passphrase: passphrase,
                                         cost: PassphraseCost(opsLimit: 1, memLimit: 8192))
        var first = answers(canary)
        first["account"] = .text(long)
        _ = try vault.0.seal(first, form: form)
        _ = try vault.0.seal(answers("Lyon"), form: form)
        let path = folder + "/compact.tmn"
        _ = try vault.0.export(to: path, all: false, secrets: vault.1)
        let (source, inbox) = try inbox([path])
        func records() throws -> ([DecryptedRecord], DecryptReport) {
            var records: [DecryptedRecord] = []
            let report = try TeamDecryptor(keys: [team]).run(source, withdrawn: []) { records.append($0) }
            return (records, report)
        }
        let (opened, openedReport) = try records()
        let (cached, cachedReport) = try records()
        XCTAssertEqual([openedReport.bundlesFromCache, cachedReport.bundlesFromCache], [0, 1])
        XCTAssertEqual(cached.map(\.payload.answers), opened.map(\.payload.answers))
        XCTAssertEqual(cached.map(\.payload.answers["account"]), [.text(long), .text("Récit à Lyon, \"entre guillemets\", virgule\nligne 2")])
        XCTAssertEqual(cached.map(\.status), opened.map(\.status))
        XCTAssertEqual(cached.map(\.payload.receipt), opened.map(\.payload.receipt))
        XCTAssertEqual(cached.map(\.payload.sealedAt), opened.map(\.payload.sealedAt))
        XCTAssertEqual(cached.map(\.deskFingerprint), opened.map(\.deskFingerprint))
        XCTAssertEqual(cached.map(\.payload.files), opened.map(\.payload.files))
        XCTAssertEqual(cached.map { JSONLineWriter.line($0) }, opened.map { JSONLineWriter.line($0) }, "every field, as its line says it")

        guard let cache = InboxCache(source, keys: [team], withdrawn: []), let replay = cache.replay() else { return XCTFail("no cache to read") }
        var forms: [UInt8] = []
        try replay.forEach { item in
            guard case .record(let record) = item, let frame = record.frame, !record.payload.isEmpty else { return }
            forms.append(frame.bytes[record.payload.lowerBound])
        }
        XCTAssertEqual(forms, [CachedPayload.compact, CachedPayload.compact])
        let walker = FileManager.default.enumerator(atPath: inbox.directory)
        while let name = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let file = inbox.directory + "/" + name
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            XCTAssertNil(try Data(contentsOf: URL(fileURLWithPath: file)).range(of: Data(canary.utf8)), name)
        }
    }

    /// Writing a cache removes what nobody reading this inbox can use: files left half-written by a run that
    /// stopped, caches of an older version, and other key sets' caches built before a withdrawal. A colleague's
    /// cache of the inbox as it is stays.
    func testAWrittenCacheSweepsWhatNoReaderCanUse() throws {
        let team = TeamKeyPair(name: "team"), colleague = TeamKeyPair(name: "colleague")
        let (path, _, _) = try bundle("sweep", keys: [team.publicKey, colleague.publicKey], cities: ["Paris", "Lyon"])
        let (source, inbox) = try inbox([path])
        let (fresh, _) = try decrypt(inbox, keys: [team])
        _ = try decrypt(inbox, keys: [colleague])
        XCTAssertEqual(caches(inbox).count, 2)
        guard let ours = InboxCache(source, keys: [team], withdrawn: []).map({ ($0.path as NSString).lastPathComponent }) else { return XCTFail("no cache") }
        let folder = inbox.directory + "/cache", hourAgo = Date(timeIntervalSinceNow: -3600), notOurs = String(repeating: "1", count: 32) + ".cache"
        for (name, date) in [("a.cache.999.new", hourAgo), ("b.cache.partial", hourAgo), ("c.cache.998.new", Date()), ("notes.txt", hourAgo)] {
            XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder + "/" + name)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + String(repeating: "0", count: 32) + ".cache", contents: Data("TMNCACHE".utf8 + [1] + [UInt8](repeating: 7, count: 80))))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + notOurs, contents: Data("not a cache of ours".utf8)))
        // Nothing is swept while the caches are only read.
        XCTAssertEqual(try decrypt(inbox, keys: [team]).1.bundlesFromCache, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).count, 8)

        guard let paris = lines(fresh).first, let id = (paris["record"] as? String).flatMap(Hex.decode), let receipt = paris["receipt"] as? String
        else { return XCTFail("no record") }
        try inbox.withdraw(recordID: id, receipt: receipt)
        XCTAssertEqual(try decrypt(inbox, keys: [team]).1.bundlesFromCache, 0)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder)), [ours, "c.cache.998.new", "notes.txt", notOurs],
                       "the team's new cache, a file being written now, and what is not a cache are left")
        // The colleague's cache, built before the withdrawal, was removed: rebuilt at their next reading; the team's stays.
        let (theirsAfter, report) = try decrypt(inbox, keys: [colleague])
        XCTAssertEqual(report.bundlesFromCache, 0)
        XCTAssertFalse(theirsAfter.contains(receipt))
        XCTAssertEqual(caches(inbox).count, 3)
        XCTAssertEqual(try decrypt(inbox, keys: [team]).1.bundlesFromCache, 1)
        XCTAssertEqual(try decrypt(inbox, keys: [colleague]).1.bundlesFromCache, 1)
    }

    func testTheDesksStandingIsReadAtEachRunNotFromTheCache() throws {
        let team = TeamKeyPair(name: "team")
        let (path, _, secrets) = try bundle("trust", keys: [team.publicKey], cities: ["Paris", "Lyon"])
        let (_, inbox) = try inbox([path])
        XCTAssertEqual(lines(try decrypt(inbox, keys: [team]).0).map { $0["desk_trust"] as? String }, ["new", "new"])
        let (leftOut, leftOutReport) = try decrypt(inbox, keys: [team], approvedOnly: true)
        XCTAssertEqual(leftOutReport.bundlesFromCache, 1)
        XCTAssertEqual(leftOut, "")
        XCTAssertEqual(leftOutReport.counts[.notApproved], 2)
        try inbox.setTrust(.approved, fingerprint: secrets.fingerprint)
        let (approved, report) = try decrypt(inbox, keys: [team], approvedOnly: true)
        XCTAssertEqual(report.bundlesFromCache, 1)
        XCTAssertEqual(lines(approved).map { $0["desk_trust"] as? String }, ["approved", "approved"])
        XCTAssertEqual(report.trustCounts[.approved], 2)
    }
}
