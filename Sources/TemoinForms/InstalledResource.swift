import Foundation

/// A data file that ships with Témoin, found where the package installs it, else where the build put it.
///
/// SwiftPM's `Bundle.module` is not used: it stops the program when its bundle is missing, and a desk
/// laptop has no build folder. The installed place comes first so that an installed `temoin` always
/// reads its own package's files.
struct InstalledResource {
    /// The file name, the same in both places: `default-form.json`.
    let name: String

    /// The folder SwiftPM copies this target's resources to, next to the built executable.
    static let buildBundle = "Temoin_TemoinForms.resources"

    /// The default questionnaire.
    static let defaultForm = InstalledResource(name: "default-form.json")

    /// Where the file is looked for, in order, for an executable at `executable`:
    /// `PREFIX/share/temoin/NAME` for `PREFIX/bin/temoin` (`make install`, the Debian package), then the build's bundle.
    func candidates(executable: URL) -> [URL] {
        let folder = executable.deletingLastPathComponent()
        return [
            folder.deletingLastPathComponent().appendingPathComponent("share/temoin/" + name),
            folder.appendingPathComponent(Self.buildBundle + "/" + name),
        ]
    }

    /// The running executable, links resolved (a `temoin` linked into another `bin` still finds its own files).
    static var runningExecutable: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "temoin")).resolvingSymlinksInPath()
    }

    /// The contents of the first place that has the file; an I/O error there is
    /// `QuestionnaireError.unreadableFile` with its errno, never taken for a missing file or bad JSON.
    func contents(executable: URL = Self.runningExecutable) throws -> Data {
        let places = candidates(executable: executable)
        for place in places {
            do {
                return try Self.read(place.path)
            } catch QuestionnaireError.unreadableFile(_, let code) where code == ENOENT {
                continue
            }
        }
        throw InstalledResourceError.missing(name: name, searched: places.map(\.path))
    }

    /// The bytes of the file at `path`, read with plain POSIX calls so that the errno reaches the message
    /// (`Data(contentsOf:)` turns a disk error into an NSError text); EINTR is retried.
    static func read(_ path: String) throws -> Data {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw QuestionnaireError.unreadableFile(path: path, errno: errno) }
        defer { close(fd) }
        var bytes = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw QuestionnaireError.unreadableFile(path: path, errno: errno)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
        }
    }
}

/// A file that comes with Témoin cannot be found: the installation is incomplete.
public enum InstalledResourceError: TemoinError, Sendable, Hashable {
    /// `name` is in none of the `searched` places.
    case missing(name: String, searched: [String])
    /// libmagic, which reads a file's type from its content, cannot start or has no database (`detail` is its own words).
    case contentTypes(detail: String)

    /// The explanation in both languages.
    public var message: Localized {
        switch self {
        case let .missing(name, searched):
            let places = searched.joined(separator: ", ")
            return Localized(
                fr: "Le fichier \(name) livré avec Témoin est introuvable (cherché dans : \(places)). Réinstallez le paquet temoin (ou make install).",
                en: "The file \(name) that comes with Témoin is missing (looked in: \(places)). Reinstall the temoin package (or run make install).")
        case let .contentTypes(detail):
            return Localized(
                fr: "Témoin ne peut pas lire le type des fichiers (libmagic : \(detail)). Réinstallez les paquets libmagic1 et libmagic-mgc (ou lancez make deps).",
                en: "Témoin cannot read file types (libmagic: \(detail)). Reinstall the libmagic1 and libmagic-mgc packages (or run make deps).")
        }
    }

    public func message(in language: Language) -> String { message.text(language) }
}
