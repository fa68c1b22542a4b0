import CBuildInfo

/// What `temoin --version` prints: the version, and the commit of a release build.
enum BuildInfo {
    /// The version of Témoin. The one place it is written: the Makefile reads this line to name the Debian package.
    static let version = "0.1.0"

    /// The git commit of a release build, nil for a development build (`swift build` without the Makefile).
    static var commit: String? {
        temoin_build_commit().map { String(cString: $0) }
    }

    /// `temoin 0.1.0 (commit 4bcd15a0c1d2)`, or `temoin 0.1.0 (development build)`.
    static var versionLine: String {
        "temoin \(version) (\(commit.map { "commit " + $0 } ?? "development build"))"
    }
}
