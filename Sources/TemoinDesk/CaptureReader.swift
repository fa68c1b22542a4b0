import CExif
import Foundation
import TemoinCrypto
import TemoinFormat

/// Reads what a photo or video says about its own taking — the EXIF date, position, make and model of a
/// JPEG (libexif), the creation time in an MP4 or QuickTime movie's `mvhd` box — so that the sealed record
/// keeps it beside the file's hash (Docs/FORMAT.md, "Evidence files", `capture`).
///
/// Only reads, at offsets, within the file's size: a damaged or hostile file gives no metadata, never a
/// crash, and the original is never changed.
public struct CaptureReader {
    /// How much of a JPEG's start libexif is shown: its EXIF segment is at most 64 KiB, after at most a JFIF one.
    static let jpegHeadLength = 1 << 17
    /// The most boxes looked at in one list of boxes: a real movie has a handful at each level.
    static let maximumBoxes = 4096
    /// The most characters kept of a maker or model name.
    static let maximumNameLength = 100

    /// The file's length in bytes.
    let size: Int
    /// Reads bytes at an offset into the buffer and says how many it read (fewer at the end or on error).
    let readAt: (_ offset: Int, _ buffer: UnsafeMutableRawBufferPointer) -> Int

    /// The file open at `fd`, `size` bytes long, read with `pread` (its position stays where it is).
    public init(fd: Int32, size: Int) {
        self.size = size
        readAt = { offset, buffer in
            var filled = 0
            while filled < buffer.count, let base = buffer.baseAddress {
                let n = pread(fd, base + filled, buffer.count - filled, off_t(offset + filled))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                filled += n
            }
            return filled
        }
    }

    /// A file held in memory.
    init(bytes: [UInt8]) {
        size = bytes.count
        readAt = { offset, buffer in
            guard offset >= 0, offset < bytes.count else { return 0 }
            let count = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { source in
                guard let from = source.baseAddress else { return }
                buffer.baseAddress?.copyMemory(from: from + offset, byteCount: count)
            }
            return count
        }
    }

    /// The capture metadata of a JPEG (it starts `FF D8 FF`) or of an ISO media file (MP4, MOV, 3GP); nil
    /// for any other file, and when the file says nothing usable.
    public func metadata() -> CaptureMetadata? {
        let start = bytes(at: 0, count: 3)
        let found = start == [0xFF, 0xD8, 0xFF] ? exif() : movieTime().map { CaptureMetadata(time: $0) }
        return found.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `count` bytes at `offset`, nil when the file has fewer there.
    private func bytes(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, count <= size, offset <= size - count else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        let read = out.withUnsafeMutableBytes { readAt(offset, $0) }
        return read == count ? out : nil
    }

    // MARK: JPEG

    private func exif() -> CaptureMetadata? {
        let head = SecretBytes(count: min(size, Self.jpegHeadLength))   // the witness's bytes: guarded memory only
        return head.withUnsafeMutableBytes { buffer -> CaptureMetadata? in
            let count = readAt(0, buffer)
            guard count > 0, let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
                  let data = temoin_exif_load(base, UInt32(count)) else { return nil }
            defer { exif_data_unref(data) }
            let exif = ExifReading(data: data)
            return CaptureMetadata(time: exif.time(EXIF_TAG_DATE_TIME_ORIGINAL) ?? exif.time(EXIF_TAG_DATE_TIME_DIGITIZED),
                                   latitude: exif.coordinate(value: 0x0002, reference: 0x0001, positive: "N", negative: "S", limit: 90),
                                   longitude: exif.coordinate(value: 0x0004, reference: 0x0003, positive: "E", negative: "W", limit: 180),
                                   make: exif.name(EXIF_TAG_MAKE), model: exif.name(EXIF_TAG_MODEL))
        }
    }

    // MARK: MP4 and QuickTime

    /// The `mvhd` creation time (seconds since 1904-01-01 UTC; 0 means unset) as `YYYY-MM-DDTHH:MM:SSZ`.
    private func movieTime() -> String? {
        guard let first = box(at: 0, in: 0..<size), ["ftyp", "moov", "wide", "free", "skip", "mdat", "pnot"].contains(first.type),
              let moov = child("moov", in: 0..<size), let mvhd = child("mvhd", in: moov), mvhd.count >= 4,
              let version = bytes(at: mvhd.lowerBound, count: 1)?.first else { return nil }
        let seconds: UInt64
        switch version {
        case 0:
            guard mvhd.count >= 8, let field = bytes(at: mvhd.lowerBound + 4, count: 4) else { return nil }
            seconds = Self.bigEndian(field)
        case 1:
            guard mvhd.count >= 12, let field = bytes(at: mvhd.lowerBound + 4, count: 8) else { return nil }
            seconds = Self.bigEndian(field)
        default: return nil
        }
        let from1904To1970: UInt64 = 2_082_844_800
        // Unset, before 1970 or after 9999: no time anyone wrote on purpose.
        guard seconds > from1904To1970, seconds - from1904To1970 < 253_402_300_800 else { return nil }
        return RecordPayload.timestamp(Date(timeIntervalSince1970: TimeInterval(seconds - from1904To1970)))
    }

    /// The content of the first box of `type` directly in `range`; nil when there is none or a box before
    /// it does not fit.
    private func child(_ type: String, in range: Range<Int>) -> Range<Int>? {
        var offset = range.lowerBound
        for _ in 0..<Self.maximumBoxes {
            guard let box = box(at: offset, in: range) else { return nil }
            if box.type == type { return box.content }
            offset = box.content.upperBound
        }
        return nil
    }

    /// The box at `offset` (32-bit size, or 1 then a 64-bit size, or 0 for "to the end"), its four-letter
    /// type printable ASCII; nil when it does not fit in `range`.
    private func box(at offset: Int, in range: Range<Int>) -> (type: String, content: Range<Int>)? {
        guard offset >= range.lowerBound, range.upperBound - offset >= 8, let header = bytes(at: offset, count: 8) else { return nil }
        let type = header[4..<8]
        guard type.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        var length = Int(Self.bigEndian(header[0..<4])), headerLength = 8
        if length == 1 {
            guard range.upperBound - offset >= 16, let large = bytes(at: offset + 8, count: 8) else { return nil }
            let value = Self.bigEndian(large)
            guard value <= UInt64(Int.max) else { return nil }
            (length, headerLength) = (Int(value), 16)
        } else if length == 0 {
            length = range.upperBound - offset
        }
        guard length >= headerLength, length <= range.upperBound - offset else { return nil }
        return (String(decoding: type, as: UTF8.self), offset + headerLength..<offset + length)
    }

    private static func bigEndian(_ bytes: some Collection<UInt8>) -> UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }
}

/// The entries of loaded EXIF data, each checked for its format and length before it is read.
private struct ExifReading {
    let data: UnsafeMutablePointer<ExifData>

    private func entry(_ ifd: ExifIfd, _ tag: ExifTag) -> ExifEntry? { temoin_exif_entry(data, ifd, tag)?.pointee }

    /// An ASCII entry up to its first NUL, valid UTF-8, without control characters or surrounding spaces.
    private func ascii(_ ifd: ExifIfd, _ tag: ExifTag) -> String? {
        guard let entry = entry(ifd, tag), entry.format == EXIF_FORMAT_ASCII, let bytes = entry.data, entry.size > 0 else { return nil }
        let raw = UnsafeBufferPointer(start: bytes, count: Int(entry.size)).prefix { $0 != 0 }
        guard let text = String(validating: raw, as: UTF8.self) else { return nil }
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.generalCategory.isControlOrFormat }))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? nil : clean
    }

    /// The maker or model, at most `CaptureReader.maximumNameLength` characters.
    func name(_ tag: ExifTag) -> String? { ascii(EXIF_IFD_0, tag).map { String($0.prefix(CaptureReader.maximumNameLength)) } }

    /// `YYYY:MM:DD HH:MM:SS` as `YYYY-MM-DDTHH:MM:SS` (the camera's local time, no zone), digits checked.
    func time(_ tag: ExifTag) -> String? {
        guard let text = ascii(EXIF_IFD_EXIF, tag) else { return nil }
        let b = Array(text.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard b.count == 19, digits.allSatisfy({ (0x30...0x39).contains(b[$0]) }), b[4] == 0x3A, b[7] == 0x3A, b[10] == 0x20,
              b[13] == 0x3A, b[16] == 0x3A else { return nil }
        func number(_ at: Int) -> Int { Int(b[at] - 0x30) * 10 + Int(b[at + 1] - 0x30) }
        guard (1...12).contains(number(5)), (1...31).contains(number(8)), number(11) < 24, number(14) < 60, number(17) < 60 else { return nil }
        let parts = text.split(separator: " ")
        return parts[0].replacingOccurrences(of: ":", with: "-") + "T" + parts[1]
    }

    /// A GPS latitude or longitude (three rationals: degrees, minutes, seconds, and a reference letter) in
    /// signed decimal degrees with six decimals; nil when a part is missing, divides by zero or is out of range.
    func coordinate(value: UInt32, reference: UInt32, positive: String, negative: String, limit: Double) -> String? {
        guard let sign = ascii(EXIF_IFD_GPS, ExifTag(rawValue: reference)).map({ $0 == positive ? 1.0 : $0 == negative ? -1.0 : 0 }),
              sign != 0, let entry = entry(EXIF_IFD_GPS, ExifTag(rawValue: value)), entry.format == EXIF_FORMAT_RATIONAL,
              entry.components >= 3, entry.size >= 24, let bytes = entry.data else { return nil }
        let order = exif_data_get_byte_order(data)
        var degrees = 0.0
        for (index, scale) in [1.0, 60.0, 3600.0].enumerated() {
            let part = exif_get_rational(bytes + 8 * index, order)
            guard part.denominator != 0 else { return nil }
            degrees += Double(part.numerator) / Double(part.denominator) / scale
        }
        guard degrees <= limit else { return nil }
        return String(format: "%.6f", sign * degrees)
    }
}

private extension Unicode.GeneralCategory {
    var isControlOrFormat: Bool { self == .control || self == .format }
}
