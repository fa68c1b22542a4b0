import Foundation
import TemoinCrypto

/// Reads passphrases without echo from the controlling terminal, or from a file for scripts.
enum PassphraseInput {
    /// The first line of `path`, without its line ending.
    static func fromFile(_ path: String) throws -> SecretBytes {
        var bytes = [UInt8](try readInput(path))
        defer { for i in bytes.indices { bytes[i] = 0 } }
        let end = bytes.firstIndex(where: { $0 == 10 || $0 == 13 }) ?? bytes.count
        guard end > 0 else { throw CLIError.usage(CLIText.passphraseFileEmpty(path)) }
        return SecretBytes(copying: bytes[..<end])
    }

    /// Asks on /dev/tty with echo off.
    static func ask(_ prompt: String) throws -> SecretBytes {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError.usage(CLIText.noTerminalForPassphrase)
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
                if n <= 0 { throw CLIError.usage(CLIText.noPassphraseTyped) }
                if byte == 10 || byte == 13 { break }
                guard length < raw.count else { throw CLIError.usage(CLIText.passphraseTooLong(raw.count)) }
                raw[length] = byte
                length += 1
            }
        }
        guard length > 0 else { throw CLIError.usage(CLIText.noPassphraseTyped) }
        return buffer.slice(0, length)
    }
}
