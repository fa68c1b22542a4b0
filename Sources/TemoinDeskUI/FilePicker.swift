import Foundation
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The file picker of a `files` question: browses from the mounted phones and sticks (then the home
/// folder), shows each file's name, size, type read from its content and time, and picks one within the
/// question's limits. A pure value: listings and the encryption come back as outcomes.
struct FilePicker: Sendable {
    /// What the form must do after a key.
    enum Action: Sendable {
        /// Carry out an effect (list a folder, encrypt the picked file).
        case effect(DeskEffect)
        /// Close the picker.
        case close
    }

    /// The question the file answers.
    let field: Field
    /// How many files the question holds already.
    let alreadyPicked: Int
    /// The folder listed; nil for the places (phones, sticks, home).
    private(set) var folder: [UInt8]?
    /// The place the volunteer started from: Backspace at its top goes back to the places.
    private(set) var place: PickerEntry?
    /// The lines listed.
    private(set) var entries: [PickerEntry] = []
    /// The highlighted line.
    private(set) var highlight = 0
    /// Why the last key did nothing (a folder that cannot be read, a file the question refuses).
    private(set) var problem: Localized?
    /// The file being encrypted and how far: bytes done, total.
    private(set) var progress: (name: String, done: Int, total: Int)?
    /// Whether a listing is awaited.
    private(set) var isLoading = true

    /// A picker for `field`, which holds `alreadyPicked` files; the model asks for the places.
    init(field: Field, alreadyPicked: Int) {
        self.field = field
        self.alreadyPicked = alreadyPicked
    }

    /// Whether a file is being encrypted (keys wait).
    var isBusy: Bool { progress != nil }

    // MARK: - Update

    /// Reacts to a key; `rows` is how many lines the list shows (for Page Up / Down).
    mutating func handle(_ input: Input, rows: Int) -> Action? {
        guard !isBusy else { return nil }
        switch input {
        case .back, .command(.quit): return .close
        case .key(.up): move(to: highlight - 1)
        case .key(.down): move(to: highlight + 1)
        case .key(.home): move(to: 0)
        case .key(.end): move(to: entries.count - 1)
        case .command(.previousSection): move(to: highlight - max(1, rows))
        case .command(.nextSection): move(to: highlight + max(1, rows))
        case .key(.enter), .key(.right): return open()
        case .key(.backspace), .key(.left): return up()
        default: break
        }
        return nil
    }

    private mutating func move(to index: Int) {
        highlight = max(0, min(entries.count - 1, index))
    }

    /// Opens the highlighted folder or place, or picks the highlighted file if the question takes it.
    private mutating func open() -> Action? {
        guard entries.indices.contains(highlight) else { return nil }
        let entry = entries[highlight]
        problem = nil
        if entry.isFolder {
            if folder == nil { place = entry }
            isLoading = true
            return .effect(.listFolder(entry.path))
        }
        if let refusal = refusal(of: entry) {
            problem = refusal
            return nil
        }
        progress = (entry.name, 0, entry.size ?? 0)
        return .effect(.attachFile(field: field, path: entry.path, name: entry.name, alreadyPicked: alreadyPicked))
    }

    /// Goes to the parent folder; from the top of a place, back to the places.
    private mutating func up() -> Action? {
        guard let folder else { return nil }
        problem = nil
        isLoading = true
        if folder == place?.path || FolderListing.parent(of: folder) == folder { return .effect(.listPlaces) }
        return .effect(.listFolder(FolderListing.parent(of: folder)))
    }

    /// Why the question refuses `entry`, naming the limit; nil when it takes it (the vault checks again).
    func refusal(of entry: PickerEntry) -> Localized? {
        if let most = field.max, alreadyPicked >= most { return UIText.pickerTooMany(most) }
        if let largest = field.maxSize, let size = entry.size, size > largest {
            return Localized(fr: UIText.pickerTooLarge(Language.fr.bytes(size), Language.fr.bytes(largest))(.fr),
                             en: UIText.pickerTooLarge(Language.en.bytes(size), Language.en.bytes(largest))(.en))
        }
        guard let type = entry.type else { return UIText.pickerUnreadableFile }
        if !field.accepts(type: type) { return UIText.pickerWrongType(type, (field.accept ?? []).joined(separator: ", ")) }
        return nil
    }

    // MARK: - Outcomes

    /// The places were listed.
    mutating func showPlaces(_ places: [PickerEntry]) {
        folder = nil
        place = nil
        show(places, from: nil)
    }

    /// `path` was listed: `entries`.
    mutating func showFolder(_ path: [UInt8], entries listed: [PickerEntry]) {
        let previous = folder
        folder = path
        // Back in a parent: the highlight on the folder just left.
        show(listed, from: previous)
    }

    private mutating func show(_ listed: [PickerEntry], from previous: [UInt8]?) {
        entries = listed
        isLoading = false
        highlight = previous.flatMap { path in listed.firstIndex { $0.path == path } } ?? 0
    }

    /// Folder `path` could not be read, for `reason`: the picker stays where it was.
    mutating func showUnreadable(_ path: [UInt8], reason: Localized) {
        showProblem(UIText.pickerCannotOpen(display(path), reason))
    }

    /// `path` as the volunteer reads it: from the place's name (`TELEPHONE/DCIM`, `~/Documents`), escaped.
    func display(_ path: [UInt8]) -> String {
        guard let place, path.starts(with: place.path) else { return FolderListing.escaped(path) }
        let root = place.kind == .home ? "~" : FolderListing.lastName(of: place.path)
        return root + FolderListing.escaped(Array(path.dropFirst(place.path.count)))
    }

    /// Something the volunteer asked for failed: the picker stays where it was.
    mutating func showProblem(_ message: Localized) {
        isLoading = false
        progress = nil
        problem = message
    }

    /// Encryption progress.
    mutating func showProgress(done: Int, total: Int) {
        guard let current = progress else { return }
        progress = (current.name, done, total)
    }

    // MARK: - View

    /// Rows of the frame above and below the list.
    static let chromeRows = 10

    /// Draws the picker over the whole screen.
    func view(size: Size, language: Language, now: Date) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(UIText.pickerTitle(language), detail: field.label(language))
        let width = size.width - 4
        let where_ = folder.map(display) ?? UIText.pickerPlaces(language)
        frame.put(Self.middle(UIText.pickerWhere(language) + where_, width: width), at: Position(column: 2, row: 2), style: .bold)
        frame.paragraph(Self.limits(of: field, language: language), at: Position(column: 2, row: 3), width: width, style: .dim, maxRows: 2)
        let top = 6
        let rows = max(1, size.height - Self.chromeRows)
        if isLoading {
            frame.put(UIText.working(language), at: Position(column: 2, row: top), style: .dim)
        } else if entries.isEmpty {
            frame.put(folder == nil ? UIText.pickerNoPlaces(language) : UIText.pickerEmptyFolder(language), at: Position(column: 2, row: top), style: .dim)
        } else {
            let first = max(0, min(highlight - rows / 2, entries.count - rows))
            for (row, index) in (first..<min(entries.count, first + rows)).enumerated() {
                let line = Self.line(entries[index], width: width, language: language)
                let selected = index == highlight
                frame.put((selected ? "▶ " : "  ") + line, at: Position(column: 1, row: top + row), style: selected ? [.reverse] : [],
                          maxWidth: size.width - 2)
            }
            if first > 0 { frame.put("▲", at: Position(column: size.width - 2, row: top), style: .dim) }
            if first + rows < entries.count { frame.put("▼", at: Position(column: size.width - 2, row: top + rows - 1), style: .dim) }
        }
        let bottom = size.height - 3
        if let progress {
            let percent = progress.total > 0 ? min(100, progress.done * 100 / progress.total) : 100
            frame.put(Self.middle(UIText.pickerEncrypting(progress.name)(language), width: width), at: Position(column: 2, row: bottom - 1), style: .bold)
            let label = " \(percent) % · \(language.bytes(progress.done)) / \(language.bytes(progress.total))"
            let barWidth = max(4, width - DisplayWidth.of(label) - 2)
            let filled = barWidth * percent / 100
            frame.put("[" + String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled) + "]" + label,
                      at: Position(column: 2, row: bottom), style: .bold, maxWidth: width)
        } else if let problem {
            frame.paragraph("⚠ " + problem(language), at: Position(column: 2, row: bottom - 1), width: width, style: [.error, .bold], maxRows: 3)
        } else {
            frame.paragraph(UIText.pickerOriginal(language), at: Position(column: 2, row: bottom - 1), width: width, style: .dim, maxRows: 2)
        }
        frame.put(" " + UIText.pickerKeys(language), at: Position(column: 0, row: size.height - 1), style: .reverse, maxWidth: size.width)
        frame.cursor = nil
        return frame
    }

    /// One line: the name (cut in the middle when long) then, for a file, its size, type and time.
    static func line(_ entry: PickerEntry, width: Int, language: Language) -> String {
        let width = width - 2
        switch entry.kind {
        case .media: return middle("⏏ " + FolderListing.lastName(of: entry.path) + "  " + UIText.pickerMedia(language), width: width)
        case .home: return middle("⌂ " + UIText.pickerHome(language), width: width)
        case .folder: return middle("▸ " + entry.name + "/", width: width)
        case .file:
            let size = entry.size.map { language.bytes($0) } ?? ""
            let type = entry.type ?? UIText.pickerUnknownType(language)
            let time = entry.captured.flatMap(Self.captureTime) ?? entry.modified.map(Self.time) ?? ""
            let details = pad(size, 9, right: true) + "  " + pad(middle(type, width: 18), 18) + "  " + pad(time, 16)
            let nameWidth = max(8, width - DisplayWidth.of(details) - 2)
            guard width - DisplayWidth.of(details) - 2 >= 12 else { return middle(entry.name, width: width - 12) + "  " + size }
            return pad(middle(entry.name, width: nameWidth), nameWidth) + "  " + details
        }
    }

    /// The count, size and type limits of `field`.
    static func limits(of field: Field, language: Language) -> String {
        var parts: [String] = []
        if let most = field.max { parts.append(UIText.pickerLimitCount(most)(language)) }
        if let largest = field.maxSize { parts.append(UIText.pickerLimitSize(language.bytes(largest))(language)) }
        if let accept = field.accept { parts.append(accept.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }

    /// `text` cut in the middle with "…" to fit `width` columns, measured in display columns.
    static func middle(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return DisplayWidth.prefix(of: text, fitting: width) }
        let head = DisplayWidth.prefix(of: text, fitting: (width - 1) / 2 + (width - 1) % 2)
        let tail = String(DisplayWidth.prefix(of: String(text.reversed()), fitting: (width - 1) / 2).reversed())
        return head + "…" + tail
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let room = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return right ? room + text : text + room
    }

    /// `2026-03-14 18:30` on the desk's clock.
    /// A capture time (`CaptureMetadata.time`) as the picker's times read: the camera's own clock as it is, a
    /// movie's UTC time in the desk's zone; nil when it is not one.
    static func captureTime(_ text: String) -> String? {
        guard text.utf8.count >= 16 else { return nil }
        guard text.hasSuffix("Z") else { return text.prefix(16).replacingOccurrences(of: "T", with: " ") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.date(from: text).map(time)
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
