import Foundation
import TemoinForms

/// A time zone of the system's tz database (`/usr/share/zoneinfo`, Debian's `tzdata`), in which exhibits
/// and reports show times: a case file reads "15:53 CET", not the UTC the payload stores.
///
/// Conversion goes through the C library (`TZ` and `localtime_r`), so it follows the same database as
/// every other program on the machine, summer time included.
public struct LocalTimeZone: Sendable, Equatable {
    /// The zone shown when none is configured: the team works in France.
    public static let defaultIdentifier = "Europe/Paris"
    /// The environment variable that configures the zone (`--time-zone` wins over it).
    public static let environmentVariable = "TEMOIN_TZ"

    /// The tz database name, such as `Europe/Paris` or `America/Cayenne`.
    public let identifier: String

    /// The zone named `identifier`; throws when the system's tz database has no such zone (glibc would
    /// silently show UTC instead, which on a case file would be a wrong time).
    public init(_ identifier: String) throws {
        guard Self.exists(identifier) else { throw LocalTimeError.unknownZone(identifier, database: Self.database) }
        self.identifier = identifier
    }

    /// Europe/Paris, not checked against the database: the default of values built in code. Commands
    /// check the zone they are given (`configured(option:)`) before anything is decrypted.
    public static let standard = LocalTimeZone(unchecked: defaultIdentifier)

    private init(unchecked identifier: String) { self.identifier = identifier }

    /// The zone of `option` when given, else of `$TEMOIN_TZ`, else Europe/Paris.
    public static func configured(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LocalTimeZone {
        let name = option ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultIdentifier
        return try LocalTimeZone(name)
    }

    /// Where the C library reads zones from.
    static var database: String { ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo" }

    /// Whether `identifier` names a compiled zone file of the database (a relative path, no `..`, starting `TZif`).
    private static func exists(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, !identifier.hasPrefix("/"), !identifier.split(separator: "/").contains(".."),
              let handle = FileHandle(forReadingAtPath: database + "/" + identifier) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("TZif".utf8)
    }

    /// `TZ` is process-wide: one conversion at a time.
    private static let lock = NSLock()

    /// The wall-clock time in this zone of `seconds` since 1970 UTC.
    public func moment(_ seconds: Int) -> LocalMoment {
        moments([seconds])[0]
    }

    /// The wall-clock times in this zone of each of `seconds`: `TZ` is set and the zone read once for
    /// them all (the report converts one time per testimony).
    public func moments(_ seconds: [Int]) -> [LocalMoment] {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let previous = getenv("TZ").map { String(cString: $0) }
        setenv("TZ", ":" + identifier, 1)
        tzset()
        defer {
            if let previous { setenv("TZ", previous, 1) } else { unsetenv("TZ") }
            tzset()
        }
        return seconds.map { seconds in
            var time = time_t(seconds), parts = tm()
            guard localtime_r(&time, &parts) != nil else {
                return LocalMoment(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, offsetSeconds: 0, abbreviation: "UTC", zone: identifier)
            }
            let abbreviation = parts.tm_zone.map { String(cString: $0) } ?? ""
            return LocalMoment(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday), hour: Int(parts.tm_hour),
                               minute: Int(parts.tm_min), second: Int(parts.tm_sec), offsetSeconds: Int(parts.tm_gmtoff),
                               abbreviation: abbreviation, zone: identifier)
        }
    }

    /// The wall-clock time in this zone of `date`.
    public func moment(_ date: Date) -> LocalMoment {
        moment(Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The wall-clock time in this zone of a payload's `sealed_at` (`YYYY-MM-DDTHH:MM:SSZ`); nil when it has another form.
    public func moment(sealedAt text: String) -> LocalMoment? {
        moments(sealedAt: [text])[0]
    }

    /// `moment(sealedAt:)` of each of `texts`, the zone read once.
    public func moments(sealedAt texts: [String]) -> [LocalMoment?] {
        let seconds = texts.map(LocalTimeZone.seconds(sealedAt:))
        var converted = moments(seconds.compactMap { $0 }).makeIterator()
        return seconds.map { $0 == nil ? nil : converted.next() }
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`, computed by the calendar (no time zone involved); nil for another form.
    static func seconds(sealedAt text: String) -> Int? {
        guard SealingTime.isValid(text.utf8) else { return nil }
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let days = civilDays(year: number(0..<4), month: number(5..<7), day: number(8..<10))
        return days * 86_400 + number(11..<13) * 3_600 + number(14..<16) * 60 + number(17..<19)
    }
}

/// Days from 1970-01-01 to a date of the Gregorian calendar (H. Hinnant's `days_from_civil`): pure arithmetic.
func civilDays(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// A wall-clock time in a named zone, with its offset from UTC, as a case file states it.
public struct LocalMoment: Sendable, Equatable {
    public var year, month, day, hour, minute, second: Int
    /// Seconds east of UTC (3600 for CET, 7200 for CEST).
    public var offsetSeconds: Int
    /// The zone's abbreviation at that time (`CET`, `CEST`), from the tz database.
    public var abbreviation: String
    /// The zone's name.
    public var zone: String

    /// `UTC+01:00`, `UTC−03:00`.
    public var offset: String {
        let minutes = abs(offsetSeconds) / 60
        let hours = String(minutes / 60), rest = String(minutes % 60)
        return "UTC" + (offsetSeconds < 0 ? "−" : "+") + String(repeating: "0", count: 2 - hours.count) + hours + ":"
            + String(repeating: "0", count: 2 - rest.count) + rest
    }

    /// `15:53`.
    public var clock: String {
        [hour, minute].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }
}

/// Why a time zone cannot be used.
public enum LocalTimeError: TemoinError, Equatable {
    case unknownZone(String, database: String)

    public func message(in language: Language) -> String {
        switch self {
        case let .unknownZone(name, database):
            language.pick(
                fr: "« \(name) » n'est pas un fuseau horaire de la base du système (\(database)) : donnez un nom comme Europe/Paris ou "
                    + "America/Cayenne (ls \(database)) ; si ce dossier est vide, installez le paquet Debian tzdata.",
                en: "“\(name)” is not a time zone of the system's database (\(database)): give a name such as Europe/Paris or "
                    + "America/Cayenne (ls \(database)); if that folder is empty, install Debian's tzdata package.")
        }
    }
}
