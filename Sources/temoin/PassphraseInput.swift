import Foundation
import TemoinCrypto

/// Reads passphrases without echo from the controlling terminal, or from a file for scripts.
enum PassphraseInput {
    /// Line `line` (from 0) of `path`, without its line ending; a file of one line gives it for every `line`, so
    /// that several team keys can share one passphrase file or each have their own line.
    static func fromFile(_ path: String, line: Int = 0) throws -> SecretBytes {
        var bytes = [UInt8](try readInput(path))
        defer { for i in bytes.indices { bytes[i] = 0 } }
        // Line bounds only, no copy of the secret; a final line break ends the last line, it does not start one.
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 10 {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        let chosen = lines.count == 1 ? 0 : line
        guard chosen < lines.count else {
            throw CLIError.usage("The passphrase file \(path) has \(lines.count) line(s) but line \(line + 1) is needed: "
                                 + "put one passphrase per line, in the order of the --key options (or a single line for all).")
        }
        let range = lines[chosen]
        let end = bytes[range].firstIndex(of: 13) ?? range.upperBound
        guard end > range.lowerBound else {
            throw CLIError.usage(lines.count > 1 ? "Line \(chosen + 1) of the passphrase file \(path) is empty." : "The passphrase file \(path) is empty.")
        }
        return SecretBytes(copying: bytes[range.lowerBound..<end])
    }

    /// Asks on /dev/tty with echo off.
    static func ask(_ prompt: String) throws -> SecretBytes {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError.usage("No terminal to ask for the passphrase: give it with --passphrase-file FILE or TEMOIN_PASSPHRASE_FILE.")
        }
        defer { close(fd) }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var saved = termios()
        tcgetattr(fd, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = write(fd, "\n", 1)
        }
        let buffer = SecretBytes(count: 1024)
        var length = 0
        try buffer.withUnsafeMutableBytes { raw in
            while true {
                var byte: UInt8 = 0
                let n = read(fd, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { throw CLIError.usage("No passphrase was typed.") }
                if byte == 10 || byte == 13 { break }
                guard length < raw.count else { throw CLIError.usage("The passphrase is longer than \(raw.count) bytes; nothing was done.") }
                raw[length] = byte
                length += 1
            }
        }
        guard length > 0 else { throw CLIError.usage("No passphrase was typed.") }
        return buffer.slice(0, length)
    }
}
