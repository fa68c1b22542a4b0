import Foundation

/// Where data lives when the user does not say: `$XDG_DATA_HOME/temoin`, else `~/.local/share/temoin`.
public enum DataLocation {
    /// The default data folder for `component` (e.g. "temoin" for the vault).
    public static func defaultDirectory(_ component: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/" + component }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/" + component
    }

    /// The desk vault folder: an explicit choice, else `TEMOIN_VAULT`, else the default.
    public static func vault(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["TEMOIN_VAULT"], !env.isEmpty { return env }
        return defaultDirectory("temoin", environment: environment)
    }
}

/// An exclusive advisory lock (`flock`) that keeps a second process off the vault.
public final class VaultLock {
    private let fd: Int32

    /// Takes the lock on `directory/vault.lock`, or throws `alreadyOpen`. A folder that another user owns, or
    /// that a group or others may write, is refused first (`sharedFolder`): whoever can write it can delete or
    /// replace the vault's files (a vault in a folder of a shared `/tmp`).
    public init(directory: String) throws {
        var info = stat()
        if stat(directory, &info) == 0, info.st_uid != geteuid() || info.st_mode & 0o022 != 0 {
            throw VaultError.sharedFolder(path: directory)
        }
        let path = directory + "/vault.lock"
        fd = FileSystem.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw VaultError.writing(path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw VaultError.alreadyOpen(path: directory)
        }
    }

    deinit { flock(fd, LOCK_UN); close(fd) }
}
