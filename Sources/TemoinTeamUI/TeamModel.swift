import Foundation
import TemoinForms
import TemoinTeam
import TemoinTerminal
import TemoinUIKit

/// The whole analysis UI as a value: `update` turns an event into effects, `view` draws the state.
///
/// No I/O happens here: key files and decryption are outside (`TeamServices`, the `Runner`);
/// their results come back through `receive`.
struct TeamModel: Sendable {
    /// How the session behaves.
    let configuration: TeamConfiguration
    /// The UI language.
    private(set) var language: Language
    /// The terminal size.
    private(set) var size: Size
    /// The screen shown.
    private(set) var screen: TeamScreen
    /// A box over the screen.
    private(set) var overlay: TeamOverlay?
    /// The testimonies, once loaded, with the filter and the order.
    private(set) var collection: TeamCollection?
    /// What the loading read and left out.
    private(set) var summary: TeamLoadSummary?
    /// The team's case work (statuses, tags, notes); nil when the testimonies do not come from the inbox.
    private(set) var cases: CaseBook?
    /// The list's selection and scroll, kept while another screen shows.
    private(set) var list = TeamListScreen()
    /// The charts' cursor and scroll, kept while another screen shows.
    private(set) var charts = TeamChartsScreen()
    /// The search field while it is being typed in, and the search to go back to on Esc.
    private(set) var search: (editor: LineEditor, before: String)?
    /// A message on the status line until the next key.
    private(set) var message: (text: Localized, isError: Bool)?
    /// When Esc was pressed, while waiting to see whether a digit follows.
    private(set) var escapeAt: Date?
    /// Whether the program should end.
    private(set) var isFinished = false

    /// Starts on the passphrase of the first key in `lockedKeys`, or on the loading when there is none.
    init(configuration: TeamConfiguration, lockedKeys: [(name: String, fingerprint: String)], size: Size) {
        self.configuration = configuration
        language = configuration.language
        self.size = size
        screen = lockedKeys.isEmpty ? .loading(TeamLoadingScreen(total: configuration.expectedRecords))
            : .unlock(TeamUnlockScreen(keys: lockedKeys))
    }

    /// The effects to run at start.
    func start() -> [TeamEffect] {
        if case .loading = screen { return [.load] }
        return []
    }

    // MARK: - Events

    /// Reacts to a terminal event at `now`.
    mutating func update(_ event: TerminalEvent, now: Date) -> [TeamEffect] {
        switch event {
        case let .resize(newSize):
            size = newSize
            if let collection { list.select(list.selection, count: collection.rows.count, size: size) }
            return []
        case .hangup, .terminate:
            return finish()
        case .idle:
            guard let escapeAt, now.timeIntervalSince(escapeAt) >= configuration.escapeWindow else { return [] }
            self.escapeAt = nil
            return route(.back)
        case let .key(key):
            // The screen asks to enlarge the window: no key acts on what cannot be seen, but Ctrl-C and Ctrl-Q
            // still quit (nothing is written, so nothing is lost).
            guard size.holds(configuration.minimumSize) else { return key == .control("c") || key == .control("q") ? finish() : [] }
            var effects: [TeamEffect] = []
            if escapeAt != nil {
                escapeAt = nil
                if case let .character(digit) = key, let number = digit.wholeNumberValue, digit.isASCII,
                   let action = TeamAction(functionKey: number == 0 ? 10 : number) {
                    return route(.action(action))
                }
                effects += route(.back)
            }
            if key == .escape {
                escapeAt = now
                return effects
            }
            return effects + route(TeamAction(key: key).map(TeamInput.action) ?? .key(key))
        }
    }

    /// How long the runner may wait for the next event before calling `update(.idle)`.
    func timeout(now: Date) -> TimeInterval {
        guard let escapeAt else { return 1 }
        return min(1, max(0.02, (escapeAt + configuration.escapeWindow).timeIntervalSince(now)))
    }

    private mutating func finish() -> [TeamEffect] {
        isFinished = true
        return [.exit]
    }

    // MARK: - Routing

    private mutating func route(_ input: TeamInput) -> [TeamEffect] {
        message = nil
        if let overlay { return answer(overlay, input) }
        if case let .unlock(unlock) = screen, unlock.isWorking { return [] }
        switch input {
        case .action(.help):
            overlay = .help
            return []
        case .action(.language):
            language = language.other
            collection?.setLanguage(language)
            return []
        default:
            break
        }
        if search != nil, editSearch(input) { return [] }
        switch screen {
        case var .unlock(unlock):
            if input == .action(.quit) { return finish() }
            let effect = unlock.handle(input)
            screen = .unlock(unlock)
            return effect.map { [$0] } ?? []
        case .loading:
            return input == .action(.quit) ? finish() : []
        case .list:
            return routeList(input)
        case var .detail(detail):
            guard let collection else { return [] }
            let testimony = shownTestimony
            if input == .key(.character("x")), let testimony {
                if let files = testimony.record.payload.files, !files.isEmpty {
                    overlay = .extract(TeamExtractBox(files: files, folder: TeamText.extractFolder(testimony.record.payload.receipt)(language)))
                } else {
                    message = (TeamText.noFiles, true)
                }
                return []
            }
            if input == .key(.character("c")), let record = testimony?.record {
                let matches = self.collection?.corroborations(of: record) ?? []
                overlay = .corroboration(TeamCorroborationBox(record, matches: matches, form: collection.form))
                return []
            }
            if case let .key(.character(character)) = input, let testimony,
               let caseInput = TeamCaseInput(character: character, current: cases?[testimony.record].status ?? .new) {
                if cases == nil { message = (TeamCaseText.needsInbox, true) } else { overlay = .caseInput(caseInput) }
                return []
            }
            let lineCount = testimony.map {
                TeamDetailScreen.lines($0, form: collection.form, language: language, width: size.width - 2,
                                       case: cases?[$0.record]).count
            } ?? 0
            let action = detail.handle(input, count: collection.rows.count, lineCount: lineCount, size: size)
            screen = .detail(detail)
            if case let .back(index)? = action {
                list.select(index, count: collection.rows.count, size: size)
                screen = .list
            }
            return []
        case .charts:
            return routeCharts(input)
        case let .crosstab(crosstab):
            return routeCrosstab(input, crosstab)
        }
    }

    /// The keys shared by the list and the charts: search, filter, show all, problems.
    private mutating func routeBrowsing(_ input: TeamInput) -> Bool {
        guard let collection else { return false }
        switch input {
        case .action(.search), .key(.character("/")):
            search = (LineEditor(collection.filter.text), collection.filter.text)
        case .action(.filter):
            overlay = .picker(TeamFilterPicker())
        case .action(.clearFilter):
            guard !collection.filter.isEmpty else { return true }
            apply(Filter())
            message = (TeamText.filterCleared, false)
        case .action(.problems):
            overlay = .problems(top: 0)
        case .action(.crosstab):
            if case .crosstab = screen { return false }
            screen = .crosstab(TeamCrosstabScreen())
        default:
            return false
        }
        return true
    }

    private mutating func routeCrosstab(_ input: TeamInput, _ current: TeamCrosstabScreen) -> [TeamEffect] {
        guard let collection, !routeBrowsing(input) else { return [] }
        if input == .action(.charts) {
            screen = .charts
            return []
        }
        var crosstab = current
        switch crosstab.handle(input, form: collection.form, size: size) {
        case let .count(rows, columns)?:
            if let table = self.collection?.crosstab(rows: rows, columns: columns) { crosstab.show(table) }
            screen = .crosstab(crosstab)
        case .close?:
            screen = .list
        case nil:
            screen = .crosstab(crosstab)
        }
        return []
    }

    private mutating func routeList(_ input: TeamInput) -> [TeamEffect] {
        guard let collection, !routeBrowsing(input) else { return [] }
        switch input {
        case .action(.quit):
            return finish()
        case .action(.charts):
            screen = .charts
        case .action(.sort):
            self.collection?.sort(by: collection.sortColumn.next)
            list.reset()
        case .key(.character("e")), .key(.character("E")):
            if collection.rows.isEmpty { message = (TeamCaseText.exportNothing, true) } else {
                overlay = .export(TeamPrompt(TeamCaseText.defaultExportName(language)))
            }
        default:
            switch list.handle(input, count: collection.rows.count, size: size) {
            case let .open(index)?:
                screen = .detail(TeamDetailScreen(index: index))
            case let .sort(column)?:
                self.collection?.sort(by: column)
                list.reset()
            case nil:
                break
            }
        }
        return []
    }

    private mutating func routeCharts(_ input: TeamInput) -> [TeamEffect] {
        guard let collection, !routeBrowsing(input) else { return [] }
        switch input {
        case .action(.quit), .action(.charts), .back:
            screen = .list
        default:
            if case let .filter(condition)? = charts.handle(input, statistics: collection.statistics, language: language, size: size) {
                add(condition)
            }
        }
        return []
    }

    /// Typing in the search field filters as it goes; Enter keeps the search, Esc puts the previous one back.
    /// Returns whether the input was used.
    private mutating func editSearch(_ input: TeamInput) -> Bool {
        guard let current = search, let collection else { return false }
        var editor = current.editor
        let before = current.before
        switch input {
        case .back, .action(.quit), .action(.search):
            search = nil
            apply(Filter(text: before, conditions: collection.filter.conditions))
        case .key(.enter), .key(.tab), .key(.down):
            search = nil
        case let .key(key):
            if editor.handle(key) == .changed {
                apply(Filter(text: editor.text, conditions: collection.filter.conditions))
            }
            search = (editor, before)
        default:
            search = nil
            return false
        }
        return true
    }

    private mutating func answer(_ current: TeamOverlay, _ input: TeamInput) -> [TeamEffect] {
        switch current {
        case let .caseInput(caseInput):
            return answerCase(caseInput, input)
        case let .export(prompt):
            return answerExport(prompt, input)
        case let .extract(box):
            return answerExtract(box, input)
        default:
            answerBrowsing(current, input)
            return []
        }
    }

    /// The testimony the detail screen shows, nil when none is shown (or it has left the list).
    private var shownTestimony: TeamTestimony? {
        guard case let .detail(detail) = screen, let rows = collection?.rows, rows.indices.contains(detail.index) else { return nil }
        return rows[detail.index]
    }

    /// Hands a key to the dialog shown: it stays shown (`shown` puts it back with its new state) until Esc or
    /// F10 closes it; returns the dialog with its answer, nil until it gives one.
    private mutating func answered<Dialog: TeamDialog>(_ current: Dialog, _ input: TeamInput,
                                                       shown: (Dialog) -> TeamOverlay) -> (Dialog, Dialog.Outcome)? {
        var dialog = current
        let outcome = dialog.handle(input)
        overlay = outcome == Dialog.Outcome.cancel ? nil : shown(dialog)
        guard let outcome, outcome != Dialog.Outcome.cancel else { return nil }
        return (dialog, outcome)
    }

    /// The effect on the testimony shown; none, and the box closed, when it has left the list.
    private mutating func onShown(_ effect: (TeamTestimony) -> TeamEffect) -> [TeamEffect] {
        guard let testimony = shownTestimony else {
            overlay = nil
            return []
        }
        return [effect(testimony)]
    }

    /// A note, tag or status typed on the testimony shown: sealed and kept by the services (`.caseRecorded`).
    private mutating func answerCase(_ current: TeamCaseInput, _ input: TeamInput) -> [TeamEffect] {
        guard case let (_, .record(kind, value))? = answered(current, input, shown: TeamOverlay.caseInput) else { return [] }
        return onShown { .recordCase(kind: kind, value: value, receipt: $0.record.payload.receipt, record: $0.record.payload.record) }
    }

    /// The file name typed for the export: its extension says the format.
    private mutating func answerExport(_ current: TeamPrompt, _ input: TeamInput) -> [TeamEffect] {
        guard case (var prompt, let .submit(text))? = answered(current, input, shown: TeamOverlay.export) else { return [] }
        let path = text.trimmingCharacters(in: .whitespaces)
        guard let format = RecordExport.Format(path: path), let collection else {
            prompt.error = TeamCaseText.exportNeedsName
            overlay = .export(prompt)
            return []
        }
        return [.export(records: collection.rows.map(\.record), path: path, format: format, form: collection.form, language: language)]
    }

    /// The evidence file chosen and the folder typed: written and checked by the services (`.extracted`).
    private mutating func answerExtract(_ current: TeamExtractBox, _ input: TeamInput) -> [TeamEffect] {
        guard case let (_, .extract(file, folder))? = answered(current, input, shown: TeamOverlay.extract) else { return [] }
        return onShown { .extract(file: file, record: $0.record.payload.record, bundle: $0.record.bundle, folder: folder) }
    }

    private mutating func answerBrowsing(_ current: TeamOverlay, _ input: TeamInput) {
        if case var .corroboration(box) = current {
            overlay = box.handle(input, size: size, language: language) ? .corroboration(box) : nil
            return
        }
        if case let .problems(top) = current {
            let last = TeamBox.lastTop(lines: problemLines, size: size)
            switch input {
            case .key(.up): overlay = .problems(top: max(0, min(top, last) - 1))
            case .key(.down): overlay = .problems(top: min(last, top + 1))
            case .key(.pageUp): overlay = .problems(top: max(0, min(top, last) - 10))
            case .key(.pageDown): overlay = .problems(top: min(last, top + 10))
            case .key(.home): overlay = .problems(top: 0)
            case .key(.end): overlay = .problems(top: last)
            default: overlay = nil
            }
            return
        }
        guard case var .picker(picker) = current, let collection else {
            overlay = nil
            return
        }
        overlay = .picker(picker)
        switch picker.handle(input, form: collection.form) {
        case let .count(breakdown)?:
            if let series = self.collection?.series(breakdown, cases: cases) { picker.show(series) }
            overlay = .picker(picker)
        case let .add(condition)?:
            overlay = nil
            add(condition)
        case .close?:
            overlay = nil
        case nil:
            overlay = .picker(picker)
        }
    }

    /// Adds a condition to the filter (once).
    private mutating func add(_ condition: Filter.Condition) {
        guard var filter = collection?.filter, let form = collection?.form else { return }
        if !filter.conditions.contains(condition) { filter.conditions.append(condition) }
        apply(filter)
        message = (TeamText.filterAdded(Filter(conditions: [condition]).summary(form: form)(language)), false)
    }

    private mutating func apply(_ filter: Filter) {
        collection?.setFilter(filter, cases: cases)
        list.reset()
        if case var .crosstab(crosstab) = screen, let table = crosstab.crosstab,
           let counted = collection?.crosstab(rows: table.rows.breakdown, columns: table.columns.breakdown) {
            crosstab.show(counted)
            screen = .crosstab(crosstab)
        }
    }

    // MARK: - Outcomes

    /// Reacts to the result of an effect.
    mutating func receive(_ outcome: TeamOutcome) -> [TeamEffect] {
        switch (outcome, screen) {
        case (.keyOpened, .unlock(var unlock)), (.wrongPassphrase, .unlock(var unlock)), (.keyFailed, .unlock(var unlock)):
            let allOpen = unlock.receive(outcome)
            screen = .unlock(unlock)
            guard allOpen else { return [] }
            screen = .loading(TeamLoadingScreen(total: configuration.expectedRecords))
            return [.load]
        case (.progress, .loading(var loading)), (.loadFailed, .loading(var loading)):
            loading.receive(outcome)
            screen = .loading(loading)
        case let (.loaded(load), _):
            let collection = TeamCollection(records: load.records, form: configuration.form, language: language)
            summary = TeamLoadSummary(report: load.report, shown: collection.total, skipped: configuration.skippedBundles)
            self.collection = collection
            cases = load.cases
            if let unreadable = load.cases?.unreadable, unreadable > 0 { message = (TeamCaseText.unreadable(unreadable), false) }
            switch load.sharing {
            case let .success(reshare)? where reshare.events > 0: message = (TeamCaseText.reshared(reshare), false)
            case let .failure(failure)?: message = (TeamCaseText.notReshared(failure.reason), true)
            default: break
            }
            if let unshared = load.unshared { message = (TeamCaseText.notShared(unshared.count, unshared.keys), true) }
            screen = .list
        case let (.caseRecorded(event), _):
            cases?.add(event)
            overlay = nil
            message = (TeamCaseText.recorded(event), false)
            followCaseChange(event)
        case let (.caseRefused(reason), _):
            // A note or tag keeps its box, with the reason, so that it can be corrected; a status has nothing to correct.
            if case var .caseInput(caseInput) = overlay, caseInput.refuse(reason) {
                overlay = .caseInput(caseInput)
            } else {
                overlay = nil
                message = (reason, true)
            }
        case let (.exported(count, path), _):
            overlay = nil
            message = (TeamCaseText.exported(count, path), false)
        case let (.extracting(written), _):
            if case var .extract(box) = overlay {
                box.progress(written)
                overlay = .extract(box)
            }
        case let (.extracted(path), _):
            if case .extract = overlay { overlay = nil }
            message = (TeamText.extracted(path), false)
        case let (.extractFailed(reason), _):
            if case var .extract(box) = overlay {
                box.failed(reason)
                overlay = .extract(box)
            } else {
                message = (reason, true)
            }
        case let (.exportFailed(reason), _):
            if case var .export(prompt) = overlay {
                prompt.error = reason
                overlay = .export(prompt)
            } else {
                message = (reason, true)
            }
        default:
            break
        }
        return []
    }

    /// Under a filter on the case work, the change just recorded applies to the list at once: the testimony
    /// shown stays shown when it still matches (at its new row), else the list comes back, on the row that
    /// took its place, saying why it left.
    private mutating func followCaseChange(_ event: CaseEvent) {
        guard var collection, collection.filter.usesCases else { return }
        let shown: Int? = if case let .detail(detail) = screen { detail.index } else { nil }
        collection.caseWorkChanged(cases)
        self.collection = collection
        let rows = collection.rows
        if let row = rows.indices.first(where: { rows[$0].record.payload.receipt == event.receipt }) {
            if let shown, shown != row { screen = .detail(TeamDetailScreen(index: row)) }
            if shown == nil { list.select(row, count: rows.count, size: size) }
            return
        }
        list.select(shown ?? list.selection, count: rows.count, size: size)
        screen = .list
        message = (TeamCaseText.leftFilter(event), false)
    }

    // MARK: - View

    /// Draws the state at the current size.
    func view() -> Frame {
        guard size.holds(configuration.minimumSize) else {
            return Frame.tooSmall(size: size, minimum: configuration.minimumSize, language: language)
        }
        var frame: Frame
        switch screen {
        case let .unlock(unlock):
            frame = unlock.view(size: size, language: language)
        case let .loading(loading):
            frame = loading.view(size: size, language: language)
        case let .detail(detail):
            frame = collection.map { detail.view($0, cases: cases, size: size, language: language) } ?? Frame(size: size)
        case .list, .charts, .crosstab:
            frame = browsing()
        }
        if let message {
            frame.put(String(repeating: " ", count: size.width), at: Position(column: 0, row: size.height - 2))
            frame.statusLine(message.text(language), isError: message.isError)
        }
        switch overlay {
        case .help?:
            TeamBox.draw(over: &frame, title: UIText.helpTitle(language), lines: TeamText.helpLines(language),
                         footer: UIText.helpClose(language))
        case let .problems(top)?:
            TeamBox.draw(over: &frame, title: TeamText.problemsTitle(language), lines: problemLines, top: top,
                         footer: TeamText.scrollOrClose(language))
        case let .picker(picker)?:
            if let collection { picker.draw(over: &frame, form: collection.form, language: language) }
        case let .corroboration(box)?:
            box.draw(over: &frame, language: language)
        case let .caseInput(caseInput)?:
            caseInput.draw(over: &frame, language: language)
        case let .extract(box)?:
            box.draw(over: &frame, language: language)
        case let .export(prompt)?:
            prompt.draw(over: &frame, title: TeamCaseText.exportTitle(collection?.rows.count ?? 0)(language),
                        lines: [TeamCaseText.exportExplained(language)], footer: TeamCaseText.exportHint(language), language: language)
        case nil:
            break
        }
        return frame
    }

    /// What could not be read, one line per bundle or testimony (F8).
    private var problemLines: [String] {
        (summary.map { $0.problems.isEmpty ? [TeamText.problemsNone] : $0.problems } ?? []).map { $0(language) }
    }

    /// The list or the charts, under the title and the filter line, over the status line and the keys.
    private func browsing() -> Frame {
        var frame = Frame(size: size)
        guard let collection else { return frame }
        frame.titleBar(TeamText.appName(language), detail: TeamText.shownOf(collection.rows.count, collection.total)(language))
        filterLine(collection, into: &frame)
        var keys: [(TeamAction, String)] = [
            (.help, UIText.keyHelp(language)), (.search, TeamText.keySearch(language)), (.filter, TeamText.keyFilter(language)),
            (.clearFilter, TeamText.keyClear(language)),
        ]
        if case let .crosstab(crosstab) = screen {
            crosstab.draw(into: &frame, form: collection.form, language: language)
            keys += [(.charts, TeamText.keyCharts(language)), (.crosstab, TeamText.keyCrosstab(language)),
                     (.language, UIText.keyLanguage(language)), (.quit, UIText.keyBack(language))]
        } else if case .charts = screen {
            charts.draw(collection.statistics, into: &frame, language: language)
            keys += [(.charts, TeamText.keyList(language)), (.crosstab, TeamText.keyCrosstab(language)),
                     (.language, UIText.keyLanguage(language)), (.quit, UIText.keyBack(language))]
        } else {
            list.draw(collection, cases: cases, into: &frame, language: language)
            if let summary {
                frame.put(" " + summary.line(language), at: Position(column: 0, row: size.height - 2),
                          style: summary.hasProblems ? [.error, .bold] : .dim, maxWidth: size.width)
            }
            keys += [(.charts, TeamText.keyCharts(language)), (.crosstab, TeamText.keyCrosstab(language)),
                     (.language, UIText.keyLanguage(language))]
            if summary?.hasProblems == true { keys.append((.problems, TeamText.keyProblems(language))) }
            keys.append((.quit, UIText.keyQuit(language)))
        }
        frame.keyBar(functionKeys: keys.map { ($0.0.functionKey, $0.1) })
        return frame
    }

    /// Row 1: the search being typed, or the filter in words, or how to make one.
    private func filterLine(_ collection: TeamCollection, into frame: inout Frame) {
        if let search {
            let label = TeamText.searchLabel(language)
            frame.put(" " + label, at: Position(column: 0, row: 1), style: .bold)
            let left = DisplayWidth.of(label) + 2
            let hint = TeamText.searchHint(language)
            let fieldWidth = max(10, size.width - left - DisplayWidth.of(hint) - 3)
            frame.cursor = search.editor.draw(into: &frame, at: Position(column: left, row: 1), width: fieldWidth,
                                              style: [.underline, .accent])
            frame.put(hint, at: Position(column: left + fieldWidth + 2, row: 1), style: .dim, maxWidth: size.width)
        } else if collection.filter.isEmpty {
            frame.put(" " + TeamText.filterNone(language), at: Position(column: 0, row: 1), style: .dim, maxWidth: size.width)
        } else {
            let text = TeamText.filterLabel(language) + " " + collection.filter.summary(form: collection.form)(language)
            frame.put(" " + text, at: Position(column: 0, row: 1), style: [.bold, .accent], maxWidth: size.width)
        }
    }
}
