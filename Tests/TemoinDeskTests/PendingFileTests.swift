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
