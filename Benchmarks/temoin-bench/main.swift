import Foundation

// temoin-bench: every measure of issue 6 in one run (`make bench`; Docs/PERFORMANCE.md).
//
//   temoin-bench run --temoin PATH --reader PATH [--out DIR] [--records N] [--small N] [--repeat N] [--only decrypt]
//   temoin-bench files --temoin PATH [--out DIR]      (issue 14's lines alone)
//
// TEMOIN_BENCH_FILE_MB sets the evidence file's size (1024 MiB by default).
// The other subcommands are probes that `run` starts as child processes.

let arguments = Array(CommandLine.arguments.dropFirst())

/// Writes a line to standard output at once (progress must show while the run goes on).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The value after `--name` in `arguments`, else `fallback`.
func option(_ name: String, _ fallback: String? = nil) throws -> String {
    if let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count { return arguments[index + 1] }
    guard let fallback else { throw BenchError.failed("missing --\(name)") }
    return fallback
}

/// The positive whole number after `--name`, else `fallback`: `--repeat x` is refused, not a crash.
func count(_ name: String, _ fallback: Int) throws -> Int {
    let text = try option(name, String(fallback))
    guard let value = Int(text), value > 0 else { throw BenchError.failed("--\(name) takes a positive whole number, not \(text)") }
    return value
}

do {
    switch arguments.first {
    case "run":
        let only = try option("only", "all")
        guard only == "all" || only == "decrypt" else { throw BenchError.failed("--only takes decrypt (the decryption lines alone)") }
        let run = BenchRun(
            temoin: try option("temoin"), reader: try option("reader"),
            folder: try option("out", FileManager.default.currentDirectoryPath + "/bench-out"),
            records: try count("records", 100_000), small: try count("small", 10_000),
            repetitions: try count("repeat", 3), decryptOnly: only == "decrypt")
        exit(try run.run() ? 0 : 1)
    case "files":
        let bench = FilesBench(temoin: try option("temoin"), folder: try option("out", FileManager.default.currentDirectoryPath + "/bench-out") + "/files",
                               megabytes: FilesBench.megabytesFromEnvironment)
        let targets = try bench.run { emit("· " + $0) }
        for target in targets { emit(target.line) }
        exit(targets.allSatisfy(\.passes) ? 0 : 1)
    case "seal-latency" where arguments.count == 3:
        guard let seals = Int(arguments[2]), seals > 0 else { throw BenchError.failed("seal-latency takes a positive count, not \(arguments[2])") }
        try Probes.sealLatency(vault: arguments[1], count: seals)
    case "export-probe" where arguments.count == 4:
        try Probes.export(vault: arguments[1], passphraseFile: arguments[2], out: arguments[3])
    case "desk" where arguments.count == 3:
        try Probes.desk(vault: arguments[1], home: arguments[2])
    case "desk-pty" where arguments.count == 3:
        try Probes.deskPty(vault: arguments[1], home: arguments[2])
    case "team-ui" where arguments.count == 4:
        try Probes.teamUI(inbox: arguments[1], key: arguments[2], passphraseFile: arguments[3])
    default:
        FileHandle.standardError.write(Data("usage: temoin-bench run --temoin PATH --reader PATH [--out DIR] [--records N] [--small N] [--repeat N] [--only decrypt]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("temoin-bench: \(error)\n".utf8))
    exit(1)
}
