import Foundation
import TemoinCrypto
import TemoinDesk
import TemoinForms
import XCTest

/// Shared set-up: a team key, a fresh desk vault in a temporary folder, and a valid testimony.
class VaultTestCase: XCTestCase {
    var folder = ""
    var team: TeamKeyPair!
    let passphrase = SecretBytes(utf8: "phrase de passe du bureau")
    var form: Questionnaire!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "temoin-vault-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        team = TeamKeyPair(name: "Équipe")
        form = try Questionnaire.builtIn()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new vault, unlocked, and its secrets; its desk key has the cheapest Argon2id cost (`testCost`).
    func makeVault(_ name: String = "vault") throws -> (DeskVault, DeskSecrets) {
        try DeskVault.create(at: folder + "/" + name, deskName: "Permanence", teamKeys: [team.publicKey], passphrase: passphrase,
                             cost: Self.testCost)
    }

    /// The cheapest Argon2id cost libsodium allows: these tests are about the vault, not the key stretching.
    static let testCost = PassphraseCost(opsLimit: 1, memLimit: 8192)

    /// A complete, valid testimony whose account is `account`.
    func testimony(_ account: String = "Ils ont pris ma photo avec un téléphone.", city: String = "Paris") -> Answers {
        ["consent": .yesno(.yes), "role": .choice("checked"), "check_date": .date(ApproximateDate(year: 2026, month: 3, day: 14)),
         "city": .text(city), "account": .text(account)]
    }

    /// Every byte of every file under `path`.
    func allBytes(under path: String) -> [(String, [UInt8])] {
        let files = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return files.compactMap { name in
            FileManager.default.contents(atPath: path + "/" + name).map { (name, [UInt8]($0)) }
        }
    }
}

extension Array where Element == UInt8 {
    /// True when `needle` occurs in these bytes.
    func contains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count, !needle.isEmpty else { return needle.isEmpty }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if Array(self[start..<start + needle.count]) == needle { return true }
        }
        return false
    }
}
