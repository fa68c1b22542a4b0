import Foundation
@testable import TemoinTeam
import XCTest

/// Times on exhibits and reports: converted by the system's tz database, summer time included.
final class LocalTimeTests: XCTestCase {
    func testParisInWinterAndInSummer() throws {
        let paris = try LocalTimeZone("Europe/Paris")
        let winter = try XCTUnwrap(paris.moment(sealedAt: "2026-01-15T12:00:00Z"))
        XCTAssertEqual([winter.year, winter.month, winter.day, winter.hour, winter.minute], [2026, 1, 15, 13, 0])
        XCTAssertEqual(winter.abbreviation, "CET")
        XCTAssertEqual(winter.offset, "UTC+01:00")
        let summer = try XCTUnwrap(paris.moment(sealedAt: "2026-07-15T12:00:00Z"))
        XCTAssertEqual([summer.hour, summer.minute], [14, 0])
        XCTAssertEqual(summer.abbreviation, "CEST")
        XCTAssertEqual(summer.offset, "UTC+02:00")
        XCTAssertEqual(TestimonyLabels.moment(summer).fr, "15 juillet 2026 à 14:00 CEST (UTC+02:00, Europe/Paris)")
        XCTAssertEqual(TestimonyLabels.moment(winter).en, "15 January 2026 at 13:00 CET (UTC+01:00, Europe/Paris)")
    }

    func testTheDayChangesWithTheZoneAndAcrossTheSummerTimeSwitch() throws {
        // 23:30 UTC on 31 December is already the new year in Paris.
        let newYear = try XCTUnwrap(try LocalTimeZone("Europe/Paris").moment(sealedAt: "2025-12-31T23:30:00Z"))
        XCTAssertEqual([newYear.year, newYear.month, newYear.day, newYear.hour, newYear.minute], [2026, 1, 1, 0, 30])
        // 29 March 2026, 01:00 UTC: Paris goes from 02:00 CET straight to 03:00 CEST.
        let paris = try LocalTimeZone("Europe/Paris")
        XCTAssertEqual(paris.moment(sealedAt: "2026-03-29T00:59:00Z")?.clock, "01:59")
        XCTAssertEqual(paris.moment(sealedAt: "2026-03-29T01:00:00Z")?.clock, "03:00")
        let cayenne = try XCTUnwrap(try LocalTimeZone("America/Cayenne").moment(sealedAt: "2026-07-15T12:00:00Z"))
        XCTAssertEqual(cayenne.clock, "09:00")
        XCTAssertEqual(cayenne.offset, "UTC−03:00")
    }

    func testManyTimesAtOnceKeepTheirPlaces() throws {
        let moments = try LocalTimeZone("Europe/Paris").moments(sealedAt: ["2026-01-15T12:00:00Z", "not a time", "2026-07-15T12:00:00Z"])
        XCTAssertEqual(moments.map { $0?.clock }, ["13:00", nil, "14:00"])
    }

    func testTheProcessTZIsLeftAsItWas() throws {
        let before = getenv("TZ").map { String(cString: $0) }
        _ = try LocalTimeZone("Asia/Tokyo").moment(0)
        XCTAssertEqual(getenv("TZ").map { String(cString: $0) }, before)
    }

    func testAnUnknownZoneIsRefusedNotShownAsUTC() {
        for name in ["Europe/Pari", "", "../../etc/passwd", "/usr/share/zoneinfo/Europe/Paris", "Europe"] {
            XCTAssertThrowsError(try LocalTimeZone(name), name) { error in
                XCTAssertTrue("\(error)".contains("is not a time zone of the system's database"), "\(error)")
                XCTAssertTrue("\(error)".contains("tzdata"), "says how to install the database")
            }
        }
    }

    func testTheConfiguredZone() throws {
        XCTAssertEqual(try LocalTimeZone.configured(option: nil, environment: [:]).identifier, "Europe/Paris")
        XCTAssertEqual(try LocalTimeZone.configured(option: nil, environment: ["TEMOIN_TZ": "America/Cayenne"]).identifier, "America/Cayenne")
        XCTAssertEqual(try LocalTimeZone.configured(option: "Europe/London", environment: ["TEMOIN_TZ": "America/Cayenne"]).identifier, "Europe/London")
        XCTAssertThrowsError(try LocalTimeZone.configured(option: nil, environment: ["TEMOIN_TZ": "Mars/Olympus"]))
    }

    func testSealingTimeToSecondsByTheCalendar() {
        XCTAssertEqual(LocalTimeZone.seconds(sealedAt: "1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(LocalTimeZone.seconds(sealedAt: "2026-03-14T14:53:20Z"), 1_773_500_000)
        XCTAssertEqual(LocalTimeZone.seconds(sealedAt: "2024-02-29T23:59:59Z"), 1_709_251_199)
        XCTAssertNil(LocalTimeZone.seconds(sealedAt: "2026-03-14 14:53:20"))
    }
}
