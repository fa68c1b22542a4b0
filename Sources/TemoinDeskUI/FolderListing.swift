import Foundation
import TemoinDesk

/// One line of the file picker: a place to start from (a phone, a stick, the home folder), a folder, or a file.
struct PickerEntry: Hashable, Sendable {
    /// What the line stands for.
    enum Kind: Hashable, Sendable {
        /// A mounted phone or stick.
        case media
        /// The volunteer's home folder.
        case home
        case folder
        case file
    }

    /// The name as shown: invalid UTF-8 and control characters escaped as `\xNN`.
    var name: String
    /// The path's raw bytes (file names need not be UTF-8).
    var path: [UInt8]
    var kind: Kind
    /// A file's size in bytes.
    var size: Int?
    /// A file's type read from its content by libmagic; nil when it cannot be read.
    var type: String?
    /// The modification time.
    var modified: Date?
    /// When a photo or movie says it was taken (`CaptureMetadata.time`); nil for other files.
    var captured: String?

    /// Whether Enter opens it rather than picks it.
    var isFolder: Bool { kind != .file }
}

/// Reads folders for the file picker, by raw bytes (so that a name that is not UTF-8 is listed, shown
/// escaped, and can still be picked), with each file's type read from its content.
enum FolderListing {
    /// The most entries one folder lists (a phone's camera folder holds thousands).
    static let limit = 2000

    /// Where the picker starts: mounted phones and sticks first (`ROOT/USER/LABEL` and mount points
    /// `ROOT/LABEL` under each media root, phones that the desktop mounted under `gvfs`), then `home`.
    static func places(mediaRoots: [String], gvfs: String, home: String) -> [PickerEntry] {
        var found: [String] = []
        for root in mediaRoots {
            for child in FileFinder.subfolders(of: root) {
                found += FileFinder.isMountPoint(child) ? [child] : FileFinder.subfolders(of: child)
            }
        }
        found += FileFinder.subfolders(of: gvfs)
        var seen = Set<String>()
        let media = found.filter { seen.insert($0).inserted }.map { path in
            PickerEntry(name: (path as NSString).lastPathComponent, path: Array(path.utf8), kind: .media)
        }
        return media + [PickerEntry(name: "~", path: Array(home.utf8), kind: .home)]
    }

    /// The folders then the files of `folder`, each sorted by name, hidden ones left out; throws the
    /// `errno` of a folder that cannot be read.
    static func list(_ folder: [UInt8]) throws(ListingError) -> [PickerEntry] {
        guard let directory = withCString(folder, { opendir($0) }) else { throw ListingError(errno: errno) }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        let types = try? ContentTypeReader()
        var entries: [PickerEntry] = []
        while entries.count < limit, let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let first = name.first, first != UInt8(ascii: ".") else { continue }
            var info = stat()
            guard withCString(name, { fstatat(descriptor, $0, &info, 0) }) == 0 else { continue }
            let path = (folder.last == UInt8(ascii: "/") ? folder : folder + [UInt8(ascii: "/")]) + name
            let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                entries.append(PickerEntry(name: escaped(name), path: path, kind: .folder, modified: modified))
            case S_IFREG:
                let fd = withCString(name) { openat(descriptor, $0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
                let type = fd >= 0 ? types?.type(fd: fd) : nil
                // Only photos and movies are read for their capture time: the rest of a folder is not read twice.
                let media = type.map { $0 == "image/jpeg" || $0.hasPrefix("video/") } ?? false
                let captured = media ? CaptureReader(fd: fd, size: Int(info.st_size)).metadata()?.time : nil
                if fd >= 0 { close(fd) }
                entries.append(PickerEntry(name: escaped(name), path: path, kind: .file, size: Int(info.st_size), type: type, modified: modified,
                                           captured: captured))
            default:
                continue   // devices, sockets, pipes: nothing a witness hands over
            }
        }
        return entries.sorted { ($0.isFolder ? 0 : 1, $0.name.lowercased()) < ($1.isFolder ? 0 : 1, $1.name.lowercased()) }
    }

    /// The parent of `path` (`/` stays `/`).
    static func parent(of path: [UInt8]) -> [UInt8] {
        var trimmed = path
        while trimmed.count > 1, trimmed.last == UInt8(ascii: "/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return slash == 0 ? [UInt8(ascii: "/")] : Array(trimmed[..<slash])
    }

    /// The last component of `path`, escaped.
    static func lastName(of path: [UInt8]) -> String {
        escaped(Array(path.split(separator: UInt8(ascii: "/")).last ?? []))
    }

    /// `bytes` as text: valid UTF-8 as is, but each byte of an invalid sequence and each control
    /// character as `\xNN`, so that no name can break the screen or pass for another.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            if length > 0, index + length <= bytes.count,
               let decoded = String(validating: bytes[index..<index + length], as: UTF8.self),
               let scalar = decoded.unicodeScalars.first, !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
                text += decoded
                index += length
            } else {
                text += "\\x" + String(lead, radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return text
    }

    private static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T?) -> T? {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { $0.baseAddress.flatMap(body) }
        }
    }

    private static func withCString(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Int32) -> Int32 {
        withCString(bytes) { Optional(body($0)) } ?? -1
    }
}

/// Why a folder cannot be listed: the system's `errno`.
struct ListingError: Error, Sendable {
    var errno: Int32
}

private extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: Swift.max(0, length - count)) + self
    }
}
