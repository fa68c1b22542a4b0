import Foundation
import XCTest

/// The Debian package (`make deb`) on a machine without Swift, and the version line. Scripts/package-test installs it with dpkg in a
/// private mount namespace where the toolchain is hidden, runs the README chain and the desk UI, removes it and
/// compares the system's files before and after. `make test` builds the package and names it in TEMOIN_DEB.
final class PackageTests: XCTestCase {
    func testThePackageRunsTheChainWithoutSwiftAndLeavesOnlyUserDataWhenRemoved() throws {
        guard let deb = ProcessInfo.processInfo.environment["TEMOIN_DEB"], !deb.isEmpty else {
            XCTFail("TEMOIN_DEB is not set: run `make test`, which builds the package with `make deb` and sets it")
            return
        }
        let script = CommandRunner.repository.appendingPathComponent("Scripts/package-test").path
        let log = NSTemporaryDirectory() + "temoin-package-test-" + UUID().uuidString
        XCTAssertTrue(FileManager.default.createFile(atPath: log, contents: nil))
        defer { unlink(log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The script needs root for unshare and dpkg; it changes nothing outside its own namespace.
        process.arguments = (getuid() == 0 ? [] : ["sudo", "-n"]) + [script, deb]
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.hasSuffix("package-test: ok\n"), output)
    }

    func testADevelopmentBuildSaysSoInsteadOfACommit() throws {
        let cli = try CommandRunner.make(self)
        let version = try cli.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertNotNil(version.stdout.range(of: #"^temoin [0-9]+\.[0-9]+\.[0-9]+ \(development build\)\n$"#, options: .regularExpression),
                        version.stdout)
    }
}
