import Foundation

/// Photos and movies built byte by byte for the capture metadata tests: a JPEG whose EXIF gives a date,
/// a GPS position, a make and a model, and an MP4 whose `mvhd` box gives a creation time.
enum CaptureSamples {
    /// One TIFF directory entry: tag, type (2 ASCII, 4 LONG, 5 RATIONAL), count, value bytes.
    typealias Entry = (tag: UInt16, type: UInt16, count: UInt32, value: [UInt8])

    static func u16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (24 - 8 * $0)) & 0xFF) } }
    static func u64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (56 - 8 * $0)) & 0xFF) } }
    static func ascii(_ tag: UInt16, _ text: String) -> Entry {
        (tag, 2, UInt32(text.utf8.count + 1), Array(text.utf8) + [0])
    }
    static func rationals(_ tag: UInt16, _ parts: [(UInt32, UInt32)]) -> Entry {
        (tag, 5, UInt32(parts.count), parts.flatMap { u32($0.0) + u32($0.1) })
    }

    /// A big-endian TIFF directory placed at `offset`, its values longer than 4 bytes right after it.
    static func directory(_ entries: [Entry], at offset: Int) -> [UInt8] {
        var head = u16(UInt16(entries.count)), data: [UInt8] = []
        let dataStart = offset + 2 + 12 * entries.count + 4
        for entry in entries {
            head += u16(entry.tag) + u16(entry.type) + u32(entry.count)
            if entry.value.count <= 4 {
                head += entry.value + [UInt8](repeating: 0, count: 4 - entry.value.count)
            } else {
                head += u32(UInt32(dataStart + data.count))
                data += entry.value + (entry.value.count % 2 == 1 ? [0] : [])
            }
        }
        return head + u32(0) + data
    }

    /// A JPEG (JFIF segment, EXIF segment, end) saying it was taken at `time` (`YYYY:MM:DD HH:MM:SS`) at
    /// 48°51'30.132" N 2°17'40.1316" E with an `Apple` `iPhone 13`.
    static func jpeg(time: String = "2026:03:14 18:30:05") -> [UInt8] {
        let gps: [Entry] = [ascii(1, "N"), rationals(2, [(48, 1), (51, 1), (30132, 1000)]),
                            ascii(3, "E"), rationals(4, [(2, 1), (17, 1), (401316, 10000)])]
        let exif: [Entry] = [ascii(0x9003, time)]
        func ifd0(exifAt: Int, gpsAt: Int) -> [Entry] {
            [ascii(0x010F, "Apple"), ascii(0x0110, "iPhone 13"), (0x8769, 4, 1, u32(UInt32(exifAt))), (0x8825, 4, 1, u32(UInt32(gpsAt)))]
        }
        let ifd0Length = directory(ifd0(exifAt: 0, gpsAt: 0), at: 8).count
        let exifAt = 8 + ifd0Length
        let exifBlock = directory(exif, at: exifAt)
        let gpsAt = exifAt + exifBlock.count
        let tiff = Array("MM".utf8) + u16(42) + u32(8) + directory(ifd0(exifAt: exifAt, gpsAt: gpsAt), at: 8) + exifBlock + directory(gps, at: gpsAt)
        let jfif: [UInt8] = [0xFF, 0xE0] + u16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let app1: [UInt8] = [0xFF, 0xE1] + u16(UInt16(2 + 6 + tiff.count)) + Array("Exif".utf8) + [0, 0] + tiff
        return [0xFF, 0xD8] + jfif + app1 + [0xFF, 0xDA, 0, 2, 0xFF, 0xD9]
    }

    /// A box: 32-bit size, or 1 and a 64-bit size when `large`.
    static func box(_ type: String, _ content: [UInt8], large: Bool = false) -> [UInt8] {
        large ? u32(1) + Array(type.utf8) + u64(UInt64(16 + content.count)) + content
              : u32(UInt32(8 + content.count)) + Array(type.utf8) + content
    }

    /// An MP4 (`ftyp`, `mdat`, then `moov` last, so any cut loses it) created `seconds` after 1904-01-01
    /// UTC, with a version 0 (32-bit times) or 1 (64-bit) `mvhd`.
    static func mp4(seconds: UInt64, version: UInt8, largeMoov: Bool = false) -> [UInt8] {
        let times = version == 1 ? u64(seconds) + u64(seconds) + u32(600) + u64(6000)
                                 : u32(UInt32(seconds)) + u32(UInt32(seconds)) + u32(600) + u32(6000)
        let mvhd = box("mvhd", [version, 0, 0, 0] + times + [UInt8](repeating: 0, count: 80))
        return box("ftyp", Array("isom".utf8) + u32(512) + Array("isomiso2mp41".utf8))
            + box("mdat", [UInt8](repeating: 0x5A, count: 300))
            + box("moov", box("udta", [1, 2, 3]) + mvhd + box("trak", []), large: largeMoov)
    }
}
