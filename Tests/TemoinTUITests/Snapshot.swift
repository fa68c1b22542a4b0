import Foundation
import TemoinTerminal
import XCTest

/// Temporary folders whose names have a fixed shape, so that a path on screen can be masked without moving the layout.
enum SnapshotPaths {
    /// The placeholder that replaces a harness folder's random part in a snapshot: as wide as a UUID.
    static let maskedUUID = "UUID-MASKED-------------------------"

    /// `/tmp/<prefix><UUID>`: always under /tmp (not $TMPDIR), so paths on screen have the same width on every machine.
    static func root(_ prefix: String) -> String {
        "/tmp/" + prefix + UUID().uuidString
    }
}

/// Whole-frame text snapshots (ratatui's `assert_buffer_lines`, teatest's golden files).
///
/// A snapshot is `Snapshots/<name>.txt` beside this file: one line per terminal row, trailing spaces
/// trimmed, every row kept (empty rows are empty lines). A frame that differs fails with a row-by-row
/// diff; a missing snapshot fails too, it is never written by the test silently.
/// Recording is an explicit act, and its diff is reviewed before it is committed:
///
///     TEMOIN_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests   # or Scripts/record-snapshots
///     git diff Tests/TemoinTUITests/Snapshots
///
/// The frames are made reproducible in the fixtures, not masked: seeded randomness (`DeterministicRandom`)
/// for keys, record ids and receipts, a `ManualClock`. The one masked value is the random part of the
/// harness's temporary folder (`SnapshotPaths.maskedUUID`), which shows in paths.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static var recording: Bool { ProcessInfo.processInfo.environment["TEMOIN_RECORD_SNAPSHOTS"] == "1" }

    /// The text of a frame as stored: `Frame.lines` (trailing spaces already trimmed), folder UUIDs masked.
    static func text(of lines: [String]) -> String {
        lines.map { row in
            row.replacingOccurrences(of: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
                                     with: SnapshotPaths.maskedUUID, options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    /// A readable diff: each row that differs, expected then actual, with its number.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var out: [String] = []
        for row in 0..<max(old.count, new.count) {
            let a = row < old.count ? old[row] : "<no row>", b = row < new.count ? new[row] : "<no row>"
            if a != b { out += [String(format: "row %2d - %@", row + 1, a), String(format: "row %2d + %@", row + 1, b)] }
        }
        return out.joined(separator: "\n")
    }
}

extension XCTestCase {
    /// Compares the whole frame `lines` with the snapshot `name` (see `Snapshot`).
    func assertSnapshot(_ lines: [String], named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let actual = Snapshot.text(of: lines)
        let url = Snapshot.directory.appendingPathComponent(name + ".txt")
        if Snapshot.recording {
            do {
                try FileManager.default.createDirectory(at: Snapshot.directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                XCTFail("cannot record snapshot \(url.path): \(error)", file: file, line: line)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            return XCTFail("""
                missing snapshot \(name).txt: record it with TEMOIN_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests, \
                then review it. The frame was:
                \(actual)
                """, file: file, line: line)
        }
        if expected != actual {
            XCTFail("frame differs from snapshot \(name).txt (- snapshot, + frame):\n"
                    + Snapshot.diff(expected: expected, actual: actual) + "\nwhole frame:\n" + actual, file: file, line: line)
        }
    }
}
