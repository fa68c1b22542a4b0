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
        // prctl and other variadic system calls, wrapped for Swift (header only).
        .systemLibrary(name: "CSystem"),
        // The commit of a release build, as a C define (see Sources/CBuildInfo/include/build_info.h).
        .target(name: "CBuildInfo", cSettings: buildCommit.isEmpty ? [] : [.define("TEMOIN_BUILD_COMMIT", to: "\"\(buildCommit)\"")]),

        // libsodium in Swift terms; the only target that calls libsodium.
        .target(name: "TemoinCrypto", dependencies: ["CSodium"]),
        // The questionnaire as data: sections, fields, answers, conditions, validation.
        .target(name: "TemoinForms", resources: [.copy("Resources/default-form.json")]),
        // The desk vault, key files and bundles.
        .target(name: "TemoinVault", dependencies: [
            "CSystem", "TemoinCrypto", "TemoinForms",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The Terminal protocol, the ncursesw backend, the in-memory backend, display widths.
        .target(name: "TemoinTerminal", dependencies: ["CNcursesw"]),
        // Screens as state + update(event) + view(size).
        .target(name: "TemoinTUI", dependencies: ["TemoinTerminal", "TemoinForms", "TemoinVault", "TemoinCrypto", "TemoinAnalysis"]),
        // Team side: decryption pipeline and outputs.
        .target(name: "TemoinAnalysis", dependencies: ["TemoinVault", "TemoinCrypto", "TemoinForms"]),
        .executableTarget(name: "temoin", dependencies: [
            "CBuildInfo", "CSystem", "TemoinCrypto", "TemoinForms", "TemoinVault", "TemoinTerminal", "TemoinTUI", "TemoinAnalysis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fuzz targets (make fuzz; Docs/RELIABILITY.md).
        .executableTarget(name: "FuzzBundle", dependencies: ["TemoinVault"], path: "Fuzz/FuzzBundle"),
        .executableTarget(name: "FuzzEnvelope", dependencies: ["TemoinCrypto", "TemoinVault", "TemoinAnalysis", "TemoinForms"], path: "Fuzz/FuzzEnvelope"),
        .executableTarget(name: "FuzzKeyFile", dependencies: ["TemoinCrypto"], path: "Fuzz/FuzzKeyFile"),
        .executableTarget(name: "FuzzQuestionnaire", dependencies: ["TemoinForms"], path: "Fuzz/FuzzQuestionnaire"),
        .executableTarget(name: "FuzzAnswers", dependencies: ["TemoinForms"], path: "Fuzz/FuzzAnswers"),

        // Benchmarks (make bench; Docs/PERFORMANCE.md).
        .executableTarget(name: "temoin-bench", dependencies: [
            "TemoinCrypto", "TemoinForms", "TemoinVault", "TemoinTerminal", "TemoinTUI",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Benchmarks/temoin-bench"),

        .testTarget(name: "TemoinCryptoTests", dependencies: ["TemoinCrypto"]),
        .testTarget(name: "TemoinFormsTests", dependencies: ["TemoinForms"]),
        .testTarget(name: "TemoinVaultTests", dependencies: ["TemoinVault", "TemoinCrypto", "TemoinForms"]),
        .testTarget(name: "TemoinTerminalTests", dependencies: ["TemoinTerminal"]),
        .testTarget(name: "TemoinTUITests", dependencies: ["TemoinTUI", "TemoinTerminal", "TemoinForms", "TemoinVault"]),
        .testTarget(name: "TemoinAnalysisTests", dependencies: ["TemoinAnalysis", "TemoinVault", "TemoinCrypto", "TemoinForms"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
