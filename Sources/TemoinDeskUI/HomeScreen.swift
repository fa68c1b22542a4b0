import Foundation
import TemoinDesk
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The home screen: new testimony, drafts to resume, export, status, fingerprints, language, quit.
struct HomeScreen: Sendable {
    /// A line of the menu.
    enum Item: Hashable, Sendable {
        case newTestimony
        case draft(Int)
        case export
        case language
        case quit
    }

    /// What the model must do after a key.
    enum Action: Sendable {
        case newTestimony
        case resume(Draft)
        case export
        case switchLanguage
        case lock
        case quit
    }

    /// The highlighted menu line.
    private(set) var selection = 0

    /// The menu for `overview`.
    static func items(_ overview: DeskOverview?) -> [Item] {
        let drafts = (overview?.drafts.indices).map { $0.map(Item.draft) } ?? []
        return [.newTestimony] + drafts + [.export, .language, .quit]
    }

    /// Reacts to a key.
    mutating func handle(_ input: Input, overview: DeskOverview?) -> Action? {
        let items = Self.items(overview)
        selection = min(selection, items.count - 1)
        switch input {
        case .command(.newTestimony): return .newTestimony
        case .command(.export): return .export
        case .command(.language): return .switchLanguage
        case .command(.lock): return .lock
        case .command(.quit): return .quit
        case .key(.up), .key(.backTab): selection = (selection + items.count - 1) % items.count
        case .key(.down), .key(.tab): selection = (selection + 1) % items.count
        case .key(.home): selection = 0
        case .key(.end): selection = items.count - 1
        case .key(.enter), .key(.character(" ")):
            switch items[selection] {
            case .newTestimony: return .newTestimony
            case let .draft(index): return overview.map { .resume($0.drafts[index]) }
            case .export: return .export
            case .language: return .switchLanguage
            case .quit: return .quit
            }
        default: break
        }
        return nil
    }

    /// Draws the screen.
    func view(size: Size, language: Language, overview: DeskOverview?) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(UIText.appName(language), detail: overview.map { UIText.deskLine($0.deskName)(language) } ?? "")
        let width = size.width - 4
        let items = Self.items(overview)
        let infoRows = 3 + (overview?.teamKeys.count ?? 0)
        let menuBottom = size.height - 3 - infoRows
        var row = 2
        var firstDraftShown = false
        for (index, item) in items.enumerated() {
            if case .draft = item, !firstDraftShown {
                firstDraftShown = true
                if row < menuBottom {
                    frame.put(UIText.resumeDraftHeading(language), at: Position(column: 4, row: row), style: .dim, maxWidth: width)
                    row += 1
                }
            }
            guard row < menuBottom || index == selection else { continue }
            let selected = index == selection
            let text = label(of: item, overview: overview, language: language)
            let indent = if case .draft = item { 6 } else { 2 }
            let position = Position(column: indent, row: min(row, menuBottom))
            frame.label((selected ? "▶ " : "  ") + text, at: position, style: selected ? [.reverse, .bold] : [], maxWidth: width - indent + 2)
            row += 1
        }
        if let overview {
            var info = size.height - 2 - infoRows
            let status = overview.status
            frame.put(UIText.statusLine(drafts: status.drafts, sealed: status.awaitingExport, exported: status.exported)(language),
                      at: Position(column: 2, row: info), style: .bold, maxWidth: width)
            info += 1
            frame.put(UIText.deskFingerprintLine(overview.deskFingerprint)(language), at: Position(column: 2, row: info), maxWidth: width)
            info += 1
            for key in overview.teamKeys {
                frame.put(UIText.teamKeyLine(key.name, key.fingerprint)(language), at: Position(column: 2, row: info), maxWidth: width)
                info += 1
            }
            let form = UIText.formLine(overview.form.title(language), overview.form.version)(language)
            let unreadable = overview.unreadableDrafts > 0 ? "  " + UIText.unreadableDrafts(overview.unreadableDrafts)(language) : ""
            frame.put(form + unreadable, at: Position(column: 2, row: info), style: .dim, maxWidth: width)
        }
        frame.keyBar([
            (.help, UIText.keyHelp(language)), (.newTestimony, UIText.keyNew(language)), (.export, UIText.keyExport(language)),
            (.lock, UIText.keyLock(language)), (.language, UIText.keyLanguage(language)), (.quit, UIText.keyQuit(language)),
        ])
        return frame
    }

    private func label(of item: Item, overview: DeskOverview?, language: Language) -> String {
        switch item {
        case .newTestimony: return UIText.menuNew(language)
        case let .draft(index):
            guard let draft = overview?.drafts[index] else { return "" }
            let form = overview?.form(for: draft) ?? overview?.form
            let label = form.map { DraftLabel.describe(draft, form: $0, language: language) } ?? draft.label
            return label + "  —  " + Self.timeFormatter.string(from: draft.updatedAt)
        case .export: return UIText.menuExport(overview?.status.awaitingExport ?? 0)(language)
        case .language: return UIText.menuLanguage(language)
        case .quit: return UIText.menuQuit(language)
        }
    }

    /// `2026-03-14 18:30` in the desk's time zone; made once.
    static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()
}
