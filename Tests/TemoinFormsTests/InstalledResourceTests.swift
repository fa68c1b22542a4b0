import Foundation
import XCTest
@testable import TemoinForms

final class InstalledResourceTests: XCTestCase {
    private var root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("temoin-resource-" + UUID().uuidString)

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func put(_ text: String, at path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func testAnInstalledBinaryLooksInShareTemoinFirstThenInTheBuildBundle() {
        let places = InstalledResource.defaultForm.candidates(executable: URL(fileURLWithPath: "/usr/bin/temoin")).map(\.path)
        XCTAssertEqual(places, ["/usr/share/temoin/default-form.json", "/usr/bin/Temoin_TemoinForms.resources/default-form.json"])
    }

    func testTheInstalledFileWinsOverTheBuildOne() throws {
        try put("installed", at: "usr/share/temoin/default-form.json")
        try put("build", at: "usr/bin/Temoin_TemoinForms.resources/default-form.json")
        let data = try InstalledResource.defaultForm.contents(executable: root.appendingPathComponent("usr/bin/temoin"))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "installed")
    }

    func testADeveloperBuildReadsTheBundleNextToTheBinary() throws {
        try put("build", at: ".build/debug/Temoin_TemoinForms.resources/default-form.json")
        let data = try InstalledResource.defaultForm.contents(executable: root.appendingPathComponent(".build/debug/temoin"))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "build")
    }

    func testAMissingFileNamesEveryPlaceLookedAt() throws {
        let executable = root.appendingPathComponent("usr/bin/temoin")
        XCTAssertThrowsError(try InstalledResource.defaultForm.contents(executable: executable)) { error in
            let installed = self.root.appendingPathComponent("usr/share/temoin/default-form.json").path
            let build = self.root.appendingPathComponent("usr/bin/Temoin_TemoinForms.resources/default-form.json").path
            XCTAssertEqual(error as? InstalledResourceError, .missing(name: "default-form.json", searched: [installed, build]))
            XCTAssertEqual("\(error)", "The file default-form.json that comes with Témoin is missing (looked in: \(installed), \(build)). Reinstall the temoin package (or run make install).")
        }
    }
}
