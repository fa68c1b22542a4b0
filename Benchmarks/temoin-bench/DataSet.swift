import Foundation
import GRDB
import TemoinCrypto
import TemoinDesk
import TemoinFormat
import TemoinForms

/// The benchmark's own data: a team key, a desk vault of sealed records, and their files.
///
/// Records are sealed with `RecordEnvelope.seal` on every core, encrypted with the desk's storage key
/// as Docs/FORMAT.md says, and written straight into the vault's `sealed` table in large transactions (what `DeskVault.seal` does one durable record at
/// a time, which would take minutes for 100,000). Bundles are then real exports.
struct DataSet {
    /// The folder holding everything.
    let folder: String
    var vault: String { folder + "/vault" }
    var teamKey: String { folder + "/team.key" }
    var teamPublicKey: String { folder + "/team.pub" }
    var teamPassphraseFile: String { folder + "/team-passphrase.txt" }
    var deskPassphraseFile: String { folder + "/desk-passphrase.txt" }
    static let deskPassphrase = "banc d'essai du bureau"
    private static let teamPassphrase = "banc d'essai de l'équipe"

    /// The smallest Argon2id cost libsodium accepts: the team key is opened by every decryption
    /// run, and stretching the passphrase is not what these runs measure.
    static let cheapCost = PassphraseCost(opsLimit: 1, memLimit: 8192)

    /// Creates the team key files and an empty desk vault in a fresh `folder`.
    static func create(in folder: String) throws -> DataSet {
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let set = DataSet(folder: folder)
        let team = TeamKeyPair(name: "Équipe juridique (banc d'essai)")
        let sealed = try SecretKeyFile.seal(kind: .team, publicKey: team.publicKey.bytes, name: team.publicKey.name,
                                            secret: team.secretKey, passphrase: SecretBytes(utf8: teamPassphrase), cost: cheapCost)
        try Data(sealed.bytes).write(to: URL(fileURLWithPath: set.teamKey))
        try Data(PublicKeyFile.encode(team.publicKey)).write(to: URL(fileURLWithPath: set.teamPublicKey))
        try Data((teamPassphrase + "\n").utf8).write(to: URL(fileURLWithPath: set.teamPassphraseFile))
        try Data((deskPassphrase + "\n").utf8).write(to: URL(fileURLWithPath: set.deskPassphraseFile))
        _ = try DeskVault.create(at: set.vault, deskName: "Permanence du banc d'essai", teamKeys: [team.publicKey],
                                 passphrase: SecretBytes(utf8: deskPassphrase))
        return set
    }

    /// Seals `count` more testimonies into the vault, numbered from `first`.
    func addRecords(_ count: Int, first: Int) throws {
        let (form, recipients, desk, storage) = try {
            let vault = try DeskVault.open(at: self.vault)
            let secrets = try vault.unlock(passphrase: SecretBytes(utf8: Self.deskPassphrase))
            return (try vault.questionnaire(), try vault.teamKeys(), try vault.deskFingerprint(), secrets.derivedKey(.storage))
        }()
        let templates = try (0..<60).map { try SampleTestimonies.answers($0, form: form) }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL") }
        let database = try DatabaseQueue(path: vault + "/vault.sqlite", configuration: configuration)
        let chunk = 2000
        for start in stride(from: 0, to: count, by: chunk) {
            let size = min(chunk, count - start)
            let slots = Slots(count: size)
            DispatchQueue.concurrentPerform(iterations: size) { i in
                let index = first + start + i
                slots[i] = Result {
                    try Self.seal(templates[index % templates.count], index: index, form: form, desk: desk, recipients: recipients)
                }
            }
            try database.write { db in
                let insert = try db.makeStatement(sql: "INSERT INTO sealed (envelope) VALUES (?)")
                for i in 0..<size {
                    let envelope = try slots[i]!.get()
                    try insert.execute(arguments: [Data(Self.stored(envelope, key: storage))])
                }
            }
        }
    }

    /// One sealed record whose payload follows Docs/FORMAT.md.
    private static func seal(_ answers: Answers, index: Int, form: Questionnaire, desk: String,
                             recipients: [TeamPublicKey]) throws -> RecordEnvelope {
        struct Payload: Encodable {
            struct Form: Encodable { var id: String; var version: Int }
            var answers: Answers, desk: String, form: Form, format = "temoin-record", receipt: String, record: String
            var sealed_at: String, version = 1
        }
        let random = SystemRandom()
        let recordID = random.bytes(RecordEnvelope.recordIDLength)
        let sealedAt = Date(timeIntervalSince1970: 1_767_225_600 + Double(index) * 300)
        let payload = Payload(answers: answers, desk: desk, form: .init(id: form.id, version: form.version),
                              receipt: ReadableCode.encode(random.bytes(5), symbols: 8), record: Hex.encode(recordID),
                              sealed_at: ISO8601DateFormatter().string(from: sealedAt))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = [UInt8](try encoder.encode(payload))
        return try RecordEnvelope.seal(payload: SecretBytes.consuming(&json), recordID: recordID, recipients: recipients)
    }

    /// A sealed record as the vault stores it: `TMNV` ‖ 1 ‖ nonce ‖ AEAD(storage key, envelope).
    private static func stored(_ envelope: RecordEnvelope, key: SecretBytes) -> [UInt8] {
        let header = Array("TMNV".utf8) + [1]
        let nonce = SystemRandom().bytes(AEAD.nonceLength)
        return header + nonce + envelope.bytes.withUnsafeBytes { AEAD.seal($0, key: key, nonce: nonce, associatedData: header) }
    }

    /// One result slot per record, each written by exactly one `concurrentPerform` worker
    /// (raw memory: distinct slots are written concurrently without exclusive access to an array).
    private final class Slots: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Result<RecordEnvelope, Error>?>
        private let count: Int
        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }
        deinit { slots.deinitialize(count: count); slots.deallocate() }
        subscript(index: Int) -> Result<RecordEnvelope, Error>? {
            get { slots[index] }
            set { slots[index] = newValue }
        }
    }
}
