import Foundation
import TemoinStorage

/// Prints an HTML page to PDF with headless Chromium (Debian's `chromium` package): the browser lays out
/// the page exactly as it shows it, fonts and page breaks included, with no PDF library of our own.
struct ChromiumPrinter {
    /// The executable found.
    let executable: String

    /// Chromium on the PATH (`chromium`, `chromium-browser`); a usage error saying how to install it otherwise.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ChromiumPrinter {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return ChromiumPrinter(executable: folder + "/" + name)
            }
        }
        throw CLIError.failed(CLIText.noChromium, code: 1)
    }

    /// The PDF of `html`. The page is written for Chromium in a private folder (0700) next to `output`,
    /// removed afterwards: it holds the testimony, like the PDF itself.
    func pdf(of html: [UInt8], near output: String) throws -> [UInt8] {
        let parent = (output as NSString).deletingLastPathComponent
        var template = Array(((parent.isEmpty ? "." : parent) + "/.temoin-exhibit-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw VaultError.notWritable(path: parent.isEmpty ? "." : parent, errno: errno)
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/exhibit.html", pdf = folder + "/exhibit.pdf"
        try FileSystem.writeNew(html, to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=" + folder + "/profile",
                             "--no-pdf-header-footer", "--print-to-pdf=" + pdf, URL(fileURLWithPath: page).absoluteString]
            + (geteuid() == 0 ? ["--no-sandbox"] : [])   // Chromium refuses to start as root with its sandbox
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder   // nothing of the run is left in the user's Chromium profile
        process.environment = environment
        let errors = folder + "/stderr"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: errors)
        do { try process.run() } catch {
            throw CLIError.failed(CLIText.chromiumNotStarted(executable, CLIText.describe(error)), code: 1)
        }
        let timeout = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: timeout)
        process.waitUntilExit()
        timeout.cancel()
        guard process.terminationStatus == 0, let bytes = FileManager.default.contents(atPath: pdf), bytes.starts(with: Array("%PDF".utf8)) else {
            let log = String(decoding: FileManager.default.contents(atPath: errors) ?? Data(), as: UTF8.self)
            let last = log.split(separator: "\n").suffix(3).joined(separator: "\n")
            throw CLIError.failed(CLIText.chromiumFailed(process.terminationStatus, said: last), code: 1)
        }
        return [UInt8](bytes)
    }
}
