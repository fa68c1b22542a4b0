// libFuzzer target: the bundle reader (verify and salvage) on arbitrary bytes. `make fuzz`; Docs/RELIABILITY.md.
import Foundation
import TemoinFormat
import TemoinStorage

/// The reader takes a path: each input is written to this per-process scratch file first (in memory where possible).
let scratch = (FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()) + "/temoin-fuzz-bundle-\(getpid()).tmn"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: scratch, contents: bytes) else { fatalError("cannot write \(scratch)") }
    defer { unlink(scratch) }
    do {
        var visited = 0
        let summary = try BundleReader.read(scratch) { _ in visited += 1 }
        // A bundle that verifies is exactly what its header and manifest announce.
        precondition(summary.byteCount == size && summary.recordIDs.count == visited && visited == summary.header.recordCount)
    } catch let error as VaultError {
        guard case .bundle = error else { fatalError("unexpected error class: \(error)") }
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    if let salvaged = try? BundleReader.salvage(scratch) {
        precondition(Set(salvaged.map(\.recordID)).count == salvaged.count, "salvage returned a record twice")
    }
    return 0
}
