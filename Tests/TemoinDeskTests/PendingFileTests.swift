import Foundation
@testable import TemoinDesk
@testable import TemoinFormat
@testable import TemoinStorage
@testable import TemoinTeam
import XCTest

/// A bundle or key file being written is invisible at its destination until it is published.
final class PendingFileTests: VaultTestCase {
    func testNothingIsVisibleBeforePublishingAndNothingIsLeftWhenAbandoned() throws {
        let path = folder + "/usb/bundle.tmn"
        try FileManager.default.createDirectory(atPath: folder + "/usb", withIntermediateDirectories: true)
        var pending: PendingFile? = try PendingFile(for: path)
        try pending!.sink.write([UInt8](repeating: 0x42, count: 100_000))
        try pending!.sink.sync()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/usb"), [], "an unnamed file has no name to leave behind")
        XCTAssertEqual(FileManager.default.contents(atPath: pending!.readablePath)?.count, 100_000, "the bytes read back before publishing")
        pending = nil
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/usb"), [])
    }

    /// Direct writes (past the page cache) give the same file as buffered ones, whatever the position in the
    /// file and the alignment of the memory: what is not aligned goes through the page cache.
    func testDirectWritesGiveTheSameBytes() throws {
        let slab = UnsafeMutableRawBufferPointer.allocate(byteCount: (1 << 20) + 4096 + 1000, alignment: 4096)
        defer { slab.deallocate() }
        for i in 0..<slab.count { slab[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        let whole = UnsafeRawBufferPointer(slab)
        let pieces: [(head: Int, piece: UnsafeRawBufferPointer)] = [
            (0, whole),                                                     // aligned file and memory, a tail of 1000 bytes
            (4096, UnsafeRawBufferPointer(rebasing: whole[0..<(1 << 20)])), // aligned, no tail
            (100, whole),                                                   // an unaligned position in the file
            (0, UnsafeRawBufferPointer(rebasing: whole[1...])),             // unaligned memory
        ]
        for (index, (head, piece)) in pieces.enumerated() {
            let pending = try PendingFile(for: folder + "/direct\(index)")
            try pending.write([UInt8](repeating: 7, count: head))
            try pending.writeDirect(piece)
            try pending.writeDirect(UnsafeRawBufferPointer(rebasing: whole[0..<5000]))   // after a tail: buffered
            try pending.publish(as: folder + "/direct\(index)")
            let expected = [UInt8](repeating: 7, count: head) + Array(piece) + Array(whole[0..<5000])
            XCTAssertEqual(try FileSystem.read(folder + "/direct\(index)"), expected, "piece \(index)")
        }
    }

    func testPublishingNeverReplacesAFile() throws {
        let path = folder + "/bundle.tmn"
        let pending = try PendingFile(for: path)
        try pending.sink.write(Array("new".utf8))
        try pending.sink.sync()
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try pending.publish(as: path)) { XCTAssertEqual($0 as? VaultError, .fileExists(path: path)) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
        try pending.publish(as: path + ".2")
        XCTAssertEqual(try String(contentsOfFile: path + ".2", encoding: .utf8), "new")
    }

    func testTheRenameUsedWithoutHardLinksNeverReplacesAFile() throws {
        // On FAT sticks (no hard links, no unnamed files) a `.partial` file is published by this rename.
        let partial = folder + "/bundle.tmn.partial", path = folder + "/bundle.tmn"
        try Data("new".utf8).write(to: URL(fileURLWithPath: partial))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(FileSystem.renameNoReplace(partial, to: path), EEXIST)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
        XCTAssertEqual(FileSystem.renameNoReplace(partial, to: folder + "/other.tmn"), 0)
        XCTAssertEqual(try String(contentsOfFile: folder + "/other.tmn", encoding: .utf8), "new")
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial))
    }
}
