import Foundation
import TemoinCrypto
import TemoinForms
import TemoinVault

/// What happened to one record found in a bundle.
public enum RecordStatus: String, Sendable, Codable, CaseIterable {
    /// Decrypted from a verified bundle.
    case ok
    /// Decrypted, but recovered from a damaged bundle with `--salvage`: its origin is not proven.
    case unverified
    /// Sealed to a team key we do not hold (another team, or a rotated key not given).
    case otherKey = "other_key"
    /// Its envelope or payload is damaged.
    case corrupt
    /// Already seen in an earlier bundle or earlier in this run.
    case duplicate
    /// The witness withdrew it: left out.
    case withdrawn
}

/// A decrypted testimony, ready for JSON Lines or CSV.
public struct DecryptedRecord: Sendable {
    /// `ok` or `unverified`.
    public var status: RecordStatus
    /// The bundle it came from.
    public var bundle: String
    /// The name of the desk that exported it.
    public var deskName: String
    /// The desk fingerprint from the bundle header.
    public var deskFingerprint: String
    /// The sealed payload: record id, receipt, form, answers.
    public var payload: RecordPayload
}

/// A record that could not be output, with the reason.
public struct RecordProblem: Sendable, CustomStringConvertible {
    /// The bundle.
    public var bundle: String
    /// The record id (hexadecimal).
    public var recordID: String
    /// Why.
    public var status: RecordStatus
    /// A detail for the person reading the report.
    public var detail: String

    public var description: String { "\(bundle): record \(recordID): \(status.rawValue): \(detail)" }
}

/// The outcome of a decryption run.
public struct DecryptReport: Sendable {
    /// Count per status.
    public var counts: [RecordStatus: Int] = [:]
    /// Records not output.
    public var problems: [RecordProblem] = []
    /// Bundles refused whole, with the reason.
    public var refusedBundles: [(path: String, reason: String)] = []

    /// True when every bundle was accepted and every record decrypted (withdrawn records and duplicates
    /// across overlapping bundles are expected, not faults).
    public var isClean: Bool {
        refusedBundles.isEmpty && problems.allSatisfy { $0.status == .withdrawn || $0.status == .duplicate } && (counts[.unverified] ?? 0) == 0
    }
}

/// Decrypts bundles with the team's key pairs: verifies each bundle, opens records in parallel
/// batches, never stops on one bad record, and drops duplicates by record id.
public struct TeamDecryptor: Sendable {
    /// The team key pairs to try (current and rotated ones).
    public var keys: [TeamKeyPair]
    /// Records per parallel batch.
    public var batchSize = 1024

    /// Creates a decryptor for `keys`.
    public init(keys: [TeamKeyPair]) { self.keys = keys }

    /// Decrypts `bundles` in order, calling `emit` for every testimony (in bundle order).
    ///
    /// Records whose id is in `withdrawn` are counted but not decrypted; `progress` is called with the
    /// number of records handled so far after each batch.
    public func run(bundles: [String], salvage: Bool = false, withdrawn: Set<[UInt8]> = [],
                    progress: ((Int) -> Void)? = nil, emit: (DecryptedRecord) throws -> Void) throws -> DecryptReport {
        var report = DecryptReport()
        var seen = Set<[UInt8]>()
        var handled = 0
        for path in bundles {
            let name = (path as NSString).lastPathComponent
            var verified = true
            var header: BundleHeader?
            do {
                header = try BundleReader.read(path).header
            } catch {
                guard salvage, case VaultError.bundle = error else {
                    report.refusedBundles.append((path, "\(error)"))
                    continue
                }
                verified = false
            }
            var batch: [RecordEnvelope] = []
            func flush() throws {
                let size = batch.count
                defer { handled += size; progress?(handled) }
                let kept = batch.filter { !withdrawn.contains($0.recordID) }
                for envelope in batch where withdrawn.contains(envelope.recordID) {
                    report.counts[.withdrawn, default: 0] += 1
                    report.problems.append(RecordProblem(bundle: name, recordID: Hex.encode(envelope.recordID), status: .withdrawn, detail: "withdrawn by the witness; left out"))
                }
                let results = open(kept)
                for (envelope, result) in zip(kept, results) {
                    let id = Hex.encode(envelope.recordID)
                    switch result {
                    case .success(let payload):
                        guard seen.insert(envelope.recordID).inserted else {
                            report.counts[.duplicate, default: 0] += 1
                            report.problems.append(RecordProblem(bundle: name, recordID: id, status: .duplicate, detail: "already decrypted from an earlier bundle; skipped"))
                            continue
                        }
                        let status: RecordStatus = verified ? .ok : .unverified
                        report.counts[status, default: 0] += 1
                        try emit(DecryptedRecord(status: status, bundle: name, deskName: header?.deskName ?? "",
                                                 deskFingerprint: header?.deskFingerprint ?? payload.desk, payload: payload))
                    case .failure(let problem):
                        report.counts[problem.status, default: 0] += 1
                        report.problems.append(RecordProblem(bundle: name, recordID: id, status: problem.status, detail: problem.detail))
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }
            if verified {
                try BundleReader.read(path) { envelope in
                    batch.append(envelope)
                    if batch.count >= batchSize { try flush() }
                }
            } else {
                for envelope in try BundleReader.salvage(path) {
                    batch.append(envelope)
                    if batch.count >= batchSize { try flush() }
                }
            }
            try flush()
        }
        return report
    }

    private struct Failure: Error { var status: RecordStatus; var detail: String }

    /// Opens a batch on every core; results keep the batch order.
    private func open(_ batch: [RecordEnvelope]) -> [Result<RecordPayload, Failure>] {
        let results = ResultSlots(count: batch.count)
        let keys = self.keys
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
            results.set(i, Self.open(batch[i], keys: keys))
        }
        return results.values
    }

    /// One slot per record, each written by exactly one worker of `concurrentPerform`
    /// (raw memory, so concurrent writes to distinct slots need no exclusive access to an array).
    private final class ResultSlots: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Result<RecordPayload, Failure>?>
        private let count: Int
        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: max(count, 1))
            slots.initialize(repeating: nil, count: count)
        }
        deinit { slots.deinitialize(count: count); slots.deallocate() }
        func set(_ index: Int, _ value: Result<RecordPayload, Failure>) { slots[index] = value }
        var values: [Result<RecordPayload, Failure>] { (0..<count).map { slots[$0]! } }
    }

    private static func open(_ envelope: RecordEnvelope, keys: [TeamKeyPair]) -> Result<RecordPayload, Failure> {
        do {
            let plaintext = try envelope.open(with: keys)
            let payload = try plaintext.withUnsafeBytes { try JSONDecoder().decode(RecordPayload.self, from: Data($0)) }
            guard payload.record == Hex.encode(envelope.recordID) else {
                return .failure(Failure(status: .corrupt, detail: "the sealed record id differs from the envelope's"))
            }
            return .success(payload)
        } catch CryptoError.notForThisKey {
            return .failure(Failure(status: .otherKey, detail: "sealed to another team key; give that key with another --key"))
        } catch {
            return .failure(Failure(status: .corrupt, detail: "\(error)"))
        }
    }
}
