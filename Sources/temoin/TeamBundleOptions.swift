import ArgumentParser
import TemoinCrypto
import TemoinTeam

/// The bundles a team command reads (those named, else the inbox's) and how it treats their desks: declared
/// once, so that every command that decrypts the testimonies says and does them alike.
struct BundleOptions: ParsableArguments {
    @Flag(help: "Recover the intact records of damaged bundles, marked unverified.")
    var salvage = false

    @OptionGroup var inbox: InboxOptions
    @OptionGroup var trust: TrustOptions

    @Argument(help: ArgumentHelp("Bundle files (default: the inbox).", valueName: "BUNDLE"))
    var bundles: [String] = []

    /// The bundles named, else the inbox's, with the withdrawn records and the desks' standing.
    func source() throws -> TeamSource {
        try TeamSource(bundles: bundles, inbox: inbox)
    }

    /// Every testimony of `source` opened with `keys`, in bundle order, and what the run found.
    func decryptAll(_ source: TeamSource, keys: [TeamKeyPair],
                    progress: ((Int) -> Void)? = nil) throws -> (records: [DecryptedRecord], report: DecryptReport) {
        var records: [DecryptedRecord] = []
        let report = try source.decryptor(keys: keys, trustOptions: trust).run(source.bundles, salvage: salvage, withdrawn: source.withdrawn,
                                                                             progress: progress) { records.append($0) }
        return (records, report)
    }
}
