import Foundation
import GRDB
import TemoinDatabase
import TemoinDesk
import TemoinForms
import TemoinFormat
import TemoinStorage
import XCTest

/// Errors of the disk are named for what they are: an I/O error is never "permission denied",
/// "malformed" or "missing" (issue 17).
final class DiskErrorTests: VaultTestCase {
    func testAnErrnoBecomesTheErrorThatNamesItsCause() {
        XCTAssertEqual(VaultError.writing("v", errno: EIO), .diskError(path: "v"))
        XCTAssertEqual(VaultError.reading("v", errno: EIO), .diskError(path: "v"))
        XCTAssertEqual(VaultError.writing("v", errno: ENOSPC), .diskFull(path: "v"))
        XCTAssertEqual(VaultError.writing("v", errno: EROFS), .notWritable(path: "v", errno: EROFS))
        let io = VaultError.diskError(path: "v").description
        XCTAssertTrue(io.contains("The disk reported a read/write error on v"), io)
        XCTAssertTrue(io.contains("What was saved before the error is kept"), io)
        XCTAssertTrue(io.contains("Copy what this disk holds elsewhere"), io)
        for wrong in ["permission", "malformed", "missing"] { XCTAssertFalse(io.contains(wrong), io) }
        XCTAssertTrue(VaultError.notWritable(path: "v", errno: EACCES).description.contains("permission denied"))
        XCTAssertTrue(VaultError.notWritable(path: "v", errno: EROFS).description.contains("read-only"))
        XCTAssertFalse(VaultError.notWritable(path: "v", errno: ENOTDIR).description.contains("permission"))
    }

    /// Reading `/proc/self/mem` from offset 0 fails with EIO: a real read error, without any injection.
    func testAReadErrorOnAFileIsADiskErrorNotPermissionDenied() {
        XCTAssertThrowsError(try FileSystem.read("/proc/self/mem")) { error in
            XCTAssertEqual(error as? VaultError, .diskError(path: "/proc/self/mem"))
        }
        XCTAssertThrowsError(try FileSystem.read(folder + "/absent")) { error in
            XCTAssertEqual(error as? VaultError, .unreadable(path: folder + "/absent", errno: ENOENT))
            XCTAssertTrue("\(error)".contains("no such file"), "\(error)")
        }
    }

    /// SQLite's own check decides: pages overwritten on disk are reported as damage, and only then.
    func testDamageIsClaimedOnlyWhenSQLitesCheckFindsIt() throws {
        do {
            let (vault, _) = try makeVault()
            for i in 0..<30 { _ = try vault.seal(testimony("récit \(i)"), form: form) }
        }   // closed: SQLite checkpoints its WAL into the file
        let file = folder + "/vault/vault.sqlite"
        let corrupt = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed")
        XCTAssertEqual(DatabaseFailure.quickCheck(file), true, "an intact vault passes")
        let translated = DatabaseFailure.translate(corrupt, path: folder + "/vault", file: file)
        XCTAssertEqual(translated as? VaultError, .diskError(path: folder + "/vault"),
                       "SQLite said malformed, its check says intact: the disk failed to read")
        // Overwrite pages 2 to 9 with garbage.
        let fd = open(file, O_RDWR)
        XCTAssertGreaterThanOrEqual(fd, 0)
        let garbage = [UInt8](repeating: 0xA5, count: 4096 * 8)
        XCTAssertEqual(pwrite(fd, garbage, garbage.count, 4096), garbage.count)
        close(fd)
        XCTAssertEqual(DatabaseFailure.quickCheck(file), false, "overwritten pages are damage")
        let damaged = DatabaseFailure.translate(corrupt, path: folder + "/vault", file: file)
        XCTAssertEqual(damaged as? VaultError, .damaged(path: folder + "/vault"))
        XCTAssertTrue("\(damaged)".contains("malformed"), "\(damaged)")
    }

    /// A database that a failing disk left empty (SQLite had just created it) is an empty database, not damage:
    /// the fault campaign's seed 1796583435930 had `team import` call a new inbox "malformed".
    func testAnEmptyDatabaseFileIsNotDamage() throws {
        let file = folder + "/empty.sqlite"
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        XCTAssertEqual(DatabaseFailure.quickCheck(file), true)
        let corrupt = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed")
        XCTAssertEqual(DatabaseFailure.translate(corrupt, path: folder, file: file) as? VaultError, .diskError(path: folder))
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("not SQLite".utf8)))
        XCTAssertEqual(DatabaseFailure.quickCheck(file), false, "a file that is not a database is damage")
    }

    func testAnIOErrorReadingTheQuestionnaireSaysSo() {
        let message = QuestionnaireError.unreadableFile(path: "default-form.json", errno: EIO).message
        for text in [message.en, message.fr] {
            for wrong in ["permission", "missing", "commas", "virgules", "Error Domain"] { XCTAssertFalse(text.contains(wrong), text) }
        }
        XCTAssertTrue(message.en.contains("The disk reported a read/write error on default-form.json"), message.en)
        XCTAssertTrue(message.fr.contains("Le disque a signalé une erreur de lecture"), message.fr)
    }

    /// A Foundation error never reaches a person as `Error Domain=…`: its errno names the cause.
    func testAFoundationErrorIsNamedByItsErrno() {
        let underlying = NSError(domain: NSPOSIXErrorDomain, code: Int(EIO))
        let error = CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: "/x/answers.json", NSUnderlyingErrorKey: underlying])
        XCTAssertEqual(VaultError.fromFoundation(error), .diskError(path: "/x/answers.json"))
        XCTAssertEqual(VaultError.fromFoundation(CocoaError(.fileReadNoPermission)), .unreadable(path: "a file", errno: EACCES))
        XCTAssertNil(VaultError.fromFoundation(VaultError.noTeamKey))
    }
}

/// `sealed_at` is written without Foundation's date formatter (which reads the time-zone files).
final class TimestampTests: XCTestCase {
    func testTheTimestampIsTheOneISO8601DateFormatterWrites() {
        for seconds in [0, 1_773_513_005, 1_800_000_000.75, 4_102_444_799] as [TimeInterval] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(RecordPayload.timestamp(date), ISO8601DateFormatter().string(from: date))
        }
    }
}
