// swift-tools-version:6.0
import PackageDescription

/// The git commit a release build embeds for `temoin --version`: the Makefile sets TEMOIN_BUILD_COMMIT
/// (letters, digits and `-` only); a plain `swift build` has none and says "development build".
let buildCommit = String((Context.environment["TEMOIN_BUILD_COMMIT"] ?? "").filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })

let package = Package(
    name: "Temoin",
    products: [
        .executable(name: "temoin", targets: ["temoin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // System libraries, with a shim.h exposing C macros and globals as functions.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // libmagic: the type of an evidence file read from its content, not its name.
        .systemLibrary(name: "CMagic", providers: [.apt(["libmagic-dev"])]),
        // libexif: the date, position, make and model a photo's EXIF gives (Sources/TemoinDesk/CaptureReader.swift).
        .systemLibrary(name: "CExif", pkgConfig: "libexif", providers: [.apt(["libexif-dev"])]),
        // OpenSSL's libcrypto, for SHA-256 only, inside TemoinCrypto: the processor's SHA instructions (Docs/DESIGN.md).
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // prctl and other variadic system calls, wrapped for Swift (header only).
        .systemLibrary(name: "CSystem"),
        // The commit of a release build, as a C define (see Sources/CBuildInfo/include/build_info.h).
        .target(name: "CBuildInfo", cSettings: buildCommit.isEmpty ? [] : [.define("TEMOIN_BUILD_COMMIT", to: "\"\(buildCommit)\"")]),

        // The two languages and how the environment names one: what every layer's texts are written in.
        .target(name: "TemoinLanguage"),
        // libsodium in Swift terms; the only target that calls libsodium, or OpenSSL (SHA-256 only).
        .target(name: "TemoinCrypto", dependencies: ["CSodium", "COpenSSL", "TemoinLanguage"]),
        // The questionnaire as data: sections, fields, answers, conditions, validation.
        .target(name: "TemoinForms", dependencies: ["TemoinLanguage"],
                resources: [.copy("Resources/default-form.json"), .copy("Resources/default-form-v1.json"), .copy("Resources/default-form-v2.json")]),
        // Durable files shared by desk and team: write-then-publish, locks, data locations, their errors.
        .target(name: "TemoinStorage", dependencies: ["CSystem", "TemoinLanguage"]),
        // Every byte format of Docs/FORMAT.md: bundles, payload JSON, key files, recovery sheet.
        .target(name: "TemoinFormat", dependencies: ["TemoinCrypto", "TemoinForms", "TemoinStorage"]),
        // SQLite through GRDB, shared by the desk vault and the team inbox: database failures as VaultError.
        .target(name: "TemoinDatabase", dependencies: ["TemoinStorage", .product(name: "GRDB", package: "GRDB.swift")]),
        // The desk: vault, drafts, sealed records, export.
        .target(name: "TemoinDesk", dependencies: [
            "CExif", "CMagic", "CSystem", "TemoinCrypto", "TemoinForms", "TemoinStorage", "TemoinFormat", "TemoinDatabase",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The team: inbox, decryption pipeline, statistics, outputs, report.
        .target(name: "TemoinTeam", dependencies: [
            "CXlsxWriter", "TemoinCrypto", "TemoinForms", "TemoinStorage", "TemoinFormat", "TemoinDatabase",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The Terminal protocol, the ncursesw backend, the in-memory backend, display widths.
        .target(name: "TemoinTerminal", dependencies: ["CNcursesw", "TemoinLanguage"]),
        // What both UIs share: editors, frame drawing, big text, UI language and texts, error texts.
        .target(name: "TemoinUIKit", dependencies: ["TemoinTerminal", "TemoinForms", "TemoinCrypto", "TemoinStorage"]),
        // The desk's screens as state + update(event) + view(size); never links team code.
        .target(name: "TemoinDeskUI", dependencies: [
            "TemoinUIKit", "TemoinTerminal", "TemoinForms", "TemoinCrypto", "TemoinStorage", "TemoinFormat", "TemoinDesk",
        ]),
        // The team's screens as state + update(event) + view(size); never links desk code.
        .target(name: "TemoinTeamUI", dependencies: [
            "TemoinUIKit", "TemoinTerminal", "TemoinForms", "TemoinCrypto", "TemoinStorage", "TemoinFormat", "TemoinTeam",
        ]),
        .executableTarget(name: "temoin", dependencies: [
            "CBuildInfo", "CSystem", "TemoinCrypto", "TemoinForms", "TemoinStorage", "TemoinFormat", "TemoinDesk", "TemoinTeam",
            "TemoinTerminal", "TemoinUIKit", "TemoinDeskUI", "TemoinTeamUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fuzz targets (make fuzz; Docs/RELIABILITY.md).
        .executableTarget(name: "FuzzBundle", dependencies: ["TemoinFormat", "TemoinStorage"], path: "Fuzz/FuzzBundle"),
        .executableTarget(name: "FuzzInbox", dependencies: ["TemoinTeam", "TemoinFormat", "TemoinStorage", "TemoinCrypto"], path: "Fuzz/FuzzInbox"),
        .executableTarget(name: "FuzzEnvelope", dependencies: ["TemoinCrypto", "TemoinFormat", "TemoinTeam", "TemoinForms"], path: "Fuzz/FuzzEnvelope"),
        .executableTarget(name: "FuzzKeyFile", dependencies: ["TemoinCrypto", "TemoinFormat"], path: "Fuzz/FuzzKeyFile"),
        .executableTarget(name: "FuzzQuestionnaire", dependencies: ["TemoinForms"], path: "Fuzz/FuzzQuestionnaire"),
        .executableTarget(name: "FuzzFileStream", dependencies: ["TemoinCrypto", "TemoinFormat"], path: "Fuzz/FuzzFileStream"),
        .executableTarget(name: "FuzzAnswers", dependencies: ["TemoinForms"], path: "Fuzz/FuzzAnswers"),

        // Benchmarks (make bench; Docs/PERFORMANCE.md).
        .executableTarget(name: "temoin-bench", dependencies: [
            "CSodium", "TemoinCrypto", "TemoinForms", "TemoinFormat", "TemoinDesk", "TemoinTerminal", "TemoinUIKit", "TemoinDeskUI",
            "TemoinTeam", "TemoinTeamUI", .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Benchmarks/temoin-bench"),

        // The tests' seeded generator, one copy for every test target.
        .target(name: "TemoinTestSupport", path: "Tests/TestSupport"),
        // CSodium: SHA-256 checked against libsodium's, which computed it before OpenSSL did.
        .testTarget(name: "TemoinCryptoTests", dependencies: ["TemoinCrypto", "CSodium", "TemoinTestSupport"]),
        // Every error text of every layer, in both languages.
        .testTarget(name: "TemoinLanguageTests", dependencies: [
            "TemoinLanguage", "TemoinCrypto", "TemoinStorage", "TemoinTeam", "TemoinTerminal", "TemoinForms", "TemoinFormat",
        ]),
        .testTarget(name: "TemoinFormsTests", dependencies: ["TemoinForms", "TemoinTestSupport"]),
        .testTarget(name: "TemoinFormatTests", dependencies: ["TemoinFormat", "TemoinCrypto", "TemoinForms", "TemoinTestSupport"]),
        // The desk vault, its files and bundles, and their round trip into a team inbox.
        .testTarget(name: "TemoinDeskTests", dependencies: [
            "TemoinDesk", "TemoinTeam", "TemoinFormat", "TemoinStorage", "TemoinDatabase", "TemoinCrypto", "TemoinForms", "TemoinTestSupport",
        ]),
        // The team's pipeline and outputs, fed with bundles that a real desk vault exports.
        .testTarget(name: "TemoinTeamTests", dependencies: [
            "TemoinTeam", "TemoinDesk", "TemoinFormat", "TemoinStorage", "TemoinCrypto", "TemoinForms", "TemoinTestSupport",
        ]),
        .testTarget(name: "TemoinTerminalTests", dependencies: ["TemoinTerminal"]),
        .testTarget(name: "TemoinUIKitTests", dependencies: ["TemoinUIKit", "TemoinTerminal"]),
        // Desk and team screens, driven through their shared harness.
        .testTarget(name: "TemoinTUITests", dependencies: [
            "TemoinDeskUI", "TemoinTeamUI", "TemoinUIKit", "TemoinTerminal", "TemoinForms", "TemoinDesk", "TemoinTeam",
            "TemoinFormat", "TemoinStorage", "TemoinCrypto",
        ], exclude: ["Snapshots"]),  // read at run time from the source tree (see Snapshot.swift)
        .testTarget(name: "EndToEndTests", dependencies: ["TemoinTestSupport"], exclude: ["Attacker"]),
    ]
)
