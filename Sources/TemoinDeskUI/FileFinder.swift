import Foundation

/// File-system look-ups for the desk: key files, path completion, removable media.
enum FileFinder {
    /// The most files listed.
    static let limit = 30

    /// `~` and `~/…` made absolute with `home`.
    static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// `*.pub` files under `home` (three levels, hidden folders skipped) and under mounted media (four levels).
    static func keyFiles(home: String, media: [String]) -> [String] {
        var found: [String] = []
        search(home, depth: 3, into: &found)
        for root in media { search(root, depth: 4, into: &found) }
        return Array(Set(found)).sorted().prefix(limit).map { $0 }
    }

    private static func search(_ folder: String, depth: Int, into found: inout [String]) {
        guard depth >= 0, found.count < limit * 4,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                search(path, depth: depth - 1, into: &found)
            } else if name.hasSuffix(".pub") {
                found.append(path)
            }
        }
    }

    /// Completes `typed` like a shell: the longest common completion, and the candidates when several remain.
    static func complete(_ typed: String, home: String) -> (text: String, candidates: [String]) {
        let expanded = expand(typed, home: home)
        let folder: String
        let prefix: String
        if expanded.hasSuffix("/") {
            folder = expanded
            prefix = ""
        } else {
            folder = (expanded as NSString).deletingLastPathComponent
            prefix = (expanded as NSString).lastPathComponent
        }
        let base = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return (typed, []) }
        let matches = names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
        guard !matches.isEmpty else { return (typed, []) }
        func joined(_ name: String) -> String {
            folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
        }
        if matches.count == 1 {
            var path = joined(matches[0])
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { path += "/" }
            return (path, [])
        }
        let common = matches.dropFirst().reduce(matches[0]) { String($0.commonPrefix(with: $1)) }
        return (joined(common), matches.prefix(limit).map(joined))
    }

    /// Mount points under the media roots: `/media/LABEL`, `/media/USER/LABEL`, `/run/media/USER/LABEL`.
    static func removableMedia(_ roots: [String]) -> [ExportDestination] {
        var found: [ExportDestination] = []
        for root in roots {
            for child in subfolders(of: root) {
                if isMountPoint(child) {
                    found.append(ExportDestination(folder: child, removable: true))
                    continue
                }
                for grandchild in subfolders(of: child) where isMountPoint(grandchild) {
                    found.append(ExportDestination(folder: grandchild, removable: true))
                }
            }
        }
        return found
    }

    /// The folders in `folder`, sorted.
    static func subfolders(of folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
        }
    }

    /// Whether `path` is on another device than its parent folder.
    static func isMountPoint(_ path: String) -> Bool {
        var own = stat()
        var parent = stat()
        guard stat(path, &own) == 0, stat((path as NSString).deletingLastPathComponent, &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev
    }
}
