import Foundation
import TemoinStorage

/// The one path to standard output and standard error: `write(2)` until every byte is taken.
///
/// Foundation's `FileHandle.write(_:)` traps on a write error (a closed pipe, a full disk, EIO), which
/// turned an error message into a crash. Here no write can trap. SIGPIPE is ignored (`ProcessSetup`), so
/// a reader that went away shows up as EPIPE: temoin then stops at once, quietly, with exit code 8
/// (`temoin team decrypt | head -1`). Any other failure of standard output (a full disk, EIO) stops temoin
/// with the message of that errno on standard error and its exit code. A failing standard error is
/// ignored: there is nowhere left to say it, and the exit code still tells.
enum StandardStreams {
    /// The exit code when standard output is closed by its reader before everything was written.
    static let closedOutputCode: Int32 = 8

    /// Writes `text` and a line feed to standard output (the `print` of this program).
    static func line(_ text: String) {
        output(text + "\n")
    }

    /// Writes `text` to standard output; stops the process if it cannot be written.
    static func output(_ text: String) {
        do { try output(bytes: Array(text.utf8)) } catch { stop(error) }
    }

    /// Writes `bytes` to standard output; throws `OutputClosed` (EPIPE) or the `VaultError` of the errno.
    static func output(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try output(raw: $0) }
    }

    /// Writes the bytes at `raw` to standard output without copying them (secrets in guarded memory);
    /// throws `OutputClosed` (EPIPE) or the `VaultError` of the errno.
    static func output(raw: UnsafeRawBufferPointer) throws {
        let code = writeAll(STDOUT_FILENO, raw)
        guard code != 0 else { return }
        if code == EPIPE { throw OutputClosed() }
        throw VaultError.writing(CLIText.standardOutput, errno: code)
    }

    /// Writes `text` to standard error, ignoring any failure (after a few tries on EIO or ENOSPC, which a
    /// failing disk or terminal can report once and not again: the message says why temoin stopped).
    static func error(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { writeAll(STDERR_FILENO, $0, tries: 3) }
    }

    /// Ends the process after standard output failed: quietly for EPIPE, else with the error's message.
    private static func stop(_ error: Error) -> Never {
        if error is OutputClosed { exit(closedOutputCode) }
        self.error("temoin: " + CLIText.describe(error) + "\n")
        exit(exitCode(for: error))
    }

    /// Writes every byte to `fd`, retrying after EINTR and short writes; returns 0 or the errno.
    private static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, tries: Int = 1) -> Int32 {
        var offset = 0, failures = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failures += 1
                if (errno == EIO || errno == ENOSPC) && failures < tries { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}

/// Standard output was closed by its reader (EPIPE): temoin stops quietly with exit code 8.
struct OutputClosed: Error {}
