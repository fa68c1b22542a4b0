import Foundation
import XCTest

/// Runs every vector of `Tests/testkit/MANIFEST` (Docs/FORMAT.md, "Testkit") through both readers — the `temoin`
/// binary and Scripts/temoin_reader.py — and checks each against the expected outcome written in the manifest,
/// and the two readers' JSON lines against each other.
final class TestkitTests: XCTestCase {
    private static let folder = CommandRunner.repository.appendingPathComponent("Tests/testkit").path

    /// One line of the manifest.
    private struct Vector {
        var line: Int
        var command: String
        var key = "keys/team.key", passphrase = "keys/passphrase.txt"
        var files: [String] = []
        var expected: [String]

        /// Parses `COMMAND [key=FILE] [pass=FILE] FILE... => EXPECTATION...`.
        init(line: Int, text: String) throws {
            self.line = line
            let halves = text.components(separatedBy: "=>")
            let arguments = halves[0].split(separator: " ").map(String.init)
            guard halves.count == 2, let command = arguments.first, ["verify", "decrypt", "files"].contains(command) else {
                throw ManifestError(line: line, text: text)
            }
            self.command = command
            expected = halves[1].split(separator: " ").map(String.init)
            for argument in arguments.dropFirst() {
                if argument.hasPrefix("key=") { key = String(argument.dropFirst(4)) }
                else if argument.hasPrefix("pass=") { passphrase = String(argument.dropFirst(5)) }
                else { files.append(TestkitTests.folder + "/" + argument) }
            }
            if files.isEmpty { throw ManifestError(line: line, text: text) }
        }
    }

    private struct ManifestError: Error, CustomStringConvertible {
        var line: Int, text: String
        var description: String { "Tests/testkit/MANIFEST line \(line) does not read `COMMAND [key=FILE] [pass=FILE] FILE... => EXPECTATION`: \(text)" }
    }

    private func vectors() throws -> [Vector] {
        let text = try String(contentsOfFile: Self.folder + "/MANIFEST", encoding: .utf8)
        return try text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : try Vector(line: index + 1, text: trimmed)
        }
    }

    /// What a reader did, in the manifest's terms, and its JSON lines.
    private func outcome(of vector: Vector, status: Int32, stdout: String, stderr: String) throws -> (terms: [String], lines: [NSDictionary]) {
        var terms = ["exit=\(status)"]
        guard vector.command != "verify" else { return (terms, []) }
        if stderr.contains("REFUSED") { terms.append("refused") }
        let lines = try stdout.split(separator: "\n").map { line -> NSDictionary in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary else {
                throw ManifestError(line: vector.line, text: "not a JSON object: \(line)")
            }
            return object
        }
        let out = lines.map { "\($0["status"] as? String ?? "?")@\(Self.recordByte(($0["record"] as? String) ?? ""))" }
        terms.append("out=" + (out.isEmpty ? "-" : out.joined(separator: ",")))
        let pattern = try NSRegularExpression(pattern: #"record ([0-9a-f]{32}): (corrupt|other_key)\b"#)
        let err = pattern.matches(in: stderr, range: NSRange(stderr.startIndex..., in: stderr)).compactMap { match -> String? in
            guard let id = Range(match.range(at: 1), in: stderr), let status = Range(match.range(at: 2), in: stderr) else { return nil }
            return "\(stderr[status])@\(Self.recordByte(String(stderr[id])))"
        }
        if !err.isEmpty { terms.append("err=" + err.joined(separator: ",")) }
        if vector.command == "files" {
            // Each file on its line: `file ID` then, after the reader's details, `: ok` or `: NOT WRITTEN`.
            let reported = try NSRegularExpression(pattern: #"file ([0-9a-f]{32})\b[^\n]*?: (ok|NOT WRITTEN)"#)
            let files = reported.matches(in: stderr, range: NSRange(stderr.startIndex..., in: stderr)).compactMap { match -> String? in
                guard let id = Range(match.range(at: 1), in: stderr), let verdict = Range(match.range(at: 2), in: stderr) else { return nil }
                return "\(stderr[verdict] == "ok" ? "ok" : "bad")@\(Self.recordByte(String(stderr[id])))"
            }
            terms.append("files=" + (files.isEmpty ? "-" : files.joined(separator: ",")))
        }
        return (terms, lines)
    }

    /// The testkit's record ids are one byte sixteen times: that byte, in decimal.
    private static func recordByte(_ hex: String) -> String {
        UInt8(hex.prefix(2), radix: 16).map(String.init) ?? hex
    }

    /// Starts Scripts/temoin_reader.py, so that it runs while temoin does; `finish` waits for it.
    private func startPython(_ arguments: [String]) throws -> (Process, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CommandRunner.repository.appendingPathComponent("Scripts/temoin_reader.py").path] + arguments
        let scratch = NSTemporaryDirectory() + "temoin-testkit-" + UUID().uuidString
        let out = scratch + ".out", err = scratch + ".err"
        XCTAssertTrue(FileManager.default.createFile(atPath: out, contents: nil))
        XCTAssertTrue(FileManager.default.createFile(atPath: err, contents: nil))
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        return (process, out, err)
    }

    private func finish(_ started: (Process, out: String, err: String)) throws -> (Int32, String, String) {
        defer { unlink(started.out); unlink(started.err) }
        started.0.waitUntilExit()
        return (started.0.terminationStatus, try String(contentsOfFile: started.out, encoding: .utf8),
                try String(contentsOfFile: started.err, encoding: .utf8))
    }

    func testBothReadersReachEveryExpectedOutcome() throws {
        let cli = try CommandRunner.make(self)
        let all = try vectors()
        XCTAssertGreaterThan(all.count, 60, "the manifest lost its vectors")
        for vector in all {
            var keyArguments = ["--key", Self.folder + "/" + vector.key, "--passphrase-file", Self.folder + "/" + vector.passphrase]
            let scratch = NSTemporaryDirectory() + "temoin-testkit-files-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let pythonKeys = keyArguments + (vector.command == "files" ? ["--files", scratch + "/python"] : [])
            if vector.command == "files" { keyArguments += ["--files", scratch + "/temoin"] }
            let python = try startPython(vector.command == "verify" ? ["verify"] + vector.files : ["decrypt"] + pythonKeys + vector.files)
            let swift = try cli.run(vector.command == "verify" ? ["verify"] + vector.files : ["team", "decrypt"] + keyArguments + vector.files)
            let swiftOutcome = try outcome(of: vector, status: swift.status, stdout: swift.stdout, stderr: swift.stderr)
            XCTAssertEqual(swiftOutcome.terms, vector.expected, "temoin, MANIFEST line \(vector.line):\n\(swift.stderr)\(swift.stdout)")

            let (status, stdout, stderr) = try finish(python)
            let pythonOutcome = try outcome(of: vector, status: status, stdout: stdout, stderr: stderr)
            XCTAssertEqual(pythonOutcome.terms, vector.expected, "temoin_reader.py, MANIFEST line \(vector.line):\n\(stderr)")
            XCTAssertEqual(pythonOutcome.lines, swiftOutcome.lines, "the two readers' lines differ, MANIFEST line \(vector.line)")
            if vector.command == "files" {   // the same files, under the same names, with the same bytes
                func written(_ reader: String) -> [String: Data] {
                    let folder = scratch + "/" + reader
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                    return Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
                }
                XCTAssertEqual(written("python"), written("temoin"), "the two readers wrote different files, MANIFEST line \(vector.line)")
                XCTAssertEqual(written("temoin").count, vector.expected.first { $0.hasPrefix("files=") }?.components(separatedBy: "ok@").count.advanced(by: -1),
                               "one file written per ok, MANIFEST line \(vector.line)")
            }
        }
    }

    /// Every file of the testkit is named by the manifest, and every file the manifest names exists: a vector cannot
    /// be dropped from the run without this failing.
    func testEveryVectorFileIsInTheManifest() throws {
        let manifest = try String(contentsOfFile: Self.folder + "/MANIFEST", encoding: .utf8)
        let named = Set(manifest.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "=" }).map(String.init))
        let enumerator = FileManager.default.enumerator(atPath: Self.folder)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: Self.folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue, path != "MANIFEST" {
                files.append(path)
            }
        }
        XCTAssertGreaterThan(files.count, 50)
        for file in files { XCTAssertTrue(named.contains(file), "Tests/testkit/\(file) is not run by MANIFEST") }
    }
}
