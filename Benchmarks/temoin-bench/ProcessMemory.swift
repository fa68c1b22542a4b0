import Foundation

/// This process's resident memory, from `/proc/self/status` (Linux).
enum ProcessMemory {
    /// Current resident set size (`VmRSS`), in bytes.
    static var resident: Int { field("VmRSS:") }

    /// Peak resident set size since start or the last `resetPeak()` (`VmHWM`), in bytes.
    static var peak: Int { field("VmHWM:") }

    /// Starts a new peak from the current resident size (`echo 5 > /proc/self/clear_refs`, Linux ≥ 4.0),
    /// so that a transient allocation before this point (Argon2id) is not counted.
    static func resetPeak() throws {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0, write(fd, "5", 1) == 1 else { throw BenchError.failed("cannot reset the peak resident size") }
        close(fd)
    }

    private static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
              let kib = Int(line.dropFirst(name.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return 0 }
        return kib * 1024
    }
}
