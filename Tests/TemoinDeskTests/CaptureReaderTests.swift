import Foundation
@testable import TemoinDesk
import TemoinFormat
import TemoinTestSupport
import XCTest

/// Capture metadata read at intake (issue 14, point 3): the EXIF of a JPEG through libexif, the `mvhd`
/// creation time of an MP4 or MOV; a damaged or hostile file gives none and never crashes.
final class CaptureReaderTests: XCTestCase {
    private let expectedPhoto = CaptureMetadata(time: "2026-03-14T18:30:05", latitude: "48.858370", longitude: "2.294481",
                                                make: "Apple", model: "iPhone 13")

    func testAJPEGGivesItsEXIFDatePositionMakeAndModel() {
        XCTAssertEqual(CaptureReader(bytes: CaptureSamples.jpeg()).metadata(), expectedPhoto)
    }

    func testAnImpossibleEXIFDateIsLeftOutAndTheRestKept() {
        for bad in ["2026:13:14 18:30:05", "2026:03:14 25:30:05", "0000:00:00 00:00:00", "2026-03-14 18:30:05", "    :  :     :  :  "] {
            var expected = expectedPhoto
            expected.time = nil
            XCTAssertEqual(CaptureReader(bytes: CaptureSamples.jpeg(time: bad)).metadata(), expected, bad)
        }
    }

    func testAnMP4GivesItsCreationTimeInUTCWithEither32Or64BitBoxes() {
        // 2026-03-14T18:30:05Z is 1773513005 s after 1970, 1773513005 + 2082844800 after 1904.
        let seconds: UInt64 = 1_773_513_005 + 2_082_844_800
        for (version, large) in [(UInt8(0), false), (1, false), (0, true), (1, true)] {
            XCTAssertEqual(CaptureReader(bytes: CaptureSamples.mp4(seconds: seconds, version: version, largeMoov: large)).metadata(),
                           CaptureMetadata(time: "2026-03-14T18:30:05Z"), "mvhd version \(version), 64-bit moov size: \(large)")
        }
        XCTAssertNil(CaptureReader(bytes: CaptureSamples.mp4(seconds: 0, version: 0)).metadata(), "0 means the time is not set")
        XCTAssertNil(CaptureReader(bytes: CaptureSamples.mp4(seconds: seconds, version: 2)).metadata(), "an mvhd version nobody defined")
    }

    func testOtherFilesGiveNothing() {
        XCTAssertNil(CaptureReader(bytes: []).metadata())
        XCTAssertNil(CaptureReader(bytes: Array("%PDF-1.4\n(nothing)".utf8)).metadata())
        XCTAssertNil(CaptureReader(bytes: [0xFF, 0xD8, 0xFF, 0xD9]).metadata(), "a JPEG without EXIF")
    }

    /// Every cut of the metadata, and seeded random damage, of both samples: no crash, and no metadata from
    /// a cut file (the movie's `moov` comes last, the photo's EXIF segment announces its length).
    func testTruncatedAndGarbledFilesNeverCrashAndGiveNothingFromACut() {
        let photo = CaptureSamples.jpeg(), movie = CaptureSamples.mp4(seconds: 3_856_357_805, version: 1)
        let exifEnd = photo.count - 6
        for cut in 0..<exifEnd { XCTAssertNil(CaptureReader(bytes: Array(photo.prefix(cut))).metadata(), "photo cut at \(cut)") }
        for cut in 0..<movie.count { XCTAssertNil(CaptureReader(bytes: Array(movie.prefix(cut))).metadata(), "movie cut at \(cut)") }

        let seed = UInt64.random(in: 1...UInt64.max)
        print("CaptureReaderTests seed: \(seed)")
        var generator = SeededRandom(seed: seed)
        for trial in 0..<3000 {
            var bytes = trial % 2 == 0 ? photo : movie
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = CaptureReader(bytes: bytes).metadata()   // any result but a crash
            let noise = (0..<Int.random(in: 0...512, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            XCTAssertNil(CaptureReader(bytes: noise).metadata(), "random bytes, seed \(seed), trial \(trial)")
            XCTAssertNil(CaptureReader(bytes: [0xFF, 0xD8, 0xFF] + noise).metadata(), "a JPEG start then noise, seed \(seed), trial \(trial)")
        }
    }
}

