import Foundation
import TemoinDesk
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// The whole desk UI as a value: `update` turns an event into effects, `view` draws the state.
///
/// No I/O happens here: vault calls, file lookups and the clock are outside (`DeskServices`,
/// the `Runner`); their results come back through `receive`.
struct DeskModel: Sendable {
    /// How the session behaves.
    let configuration: DeskConfiguration
    /// The UI language.
    private(set) var language: Language
    /// The screen shown.
    private(set) var screen: DeskScreen
    /// A box over the screen.
    private(set) var overlay: Overlay?
    /// What the home screen shows.
    private(set) var overview: DeskOverview?
    /// The terminal size.
    private(set) var size: Size
    /// The time of the last event.
    private(set) var now: Date
    /// The time of the last key.
    private(set) var lastKey: Date
    /// When Esc was pressed, while waiting to see whether a digit follows.
    private(set) var escapeAt: Date?
    /// A message on the status line.
    private(set) var message: (text: Localized, isError: Bool)?
    /// Whether the program should end.
    private(set) var isFinished = false
    /// What to do once the open draft is saved (close the form, quit); dropped if the save fails, so
    /// that the desk stays on the unsaved text (a full disk loses nothing).
    private var afterSave: AfterSave?

    /// What waits for the open draft to be saved.
    private enum AfterSave: Sendable {
        case goHome, quit
    }

    /// Starts on the first-run screen when there is no vault, else on the passphrase.
    init(configuration: DeskConfiguration, desk: (name: String, fingerprint: String)?, size: Size, now: Date) {
        self.configuration = configuration
        language = configuration.language
        screen = desk == nil ? .setup(SetupScreen(language: language, asksLanguage: configuration.asksLanguage)) : .unlock(UnlockScreen(reason: .start, desk: desk))
        self.size = size
        self.now = now
        lastKey = now
    }

    /// The effects to run at start.
    func start() -> [DeskEffect] {
        if case .setup = screen { return [.findKeyFiles] }
        return []
    }

    // MARK: - Events

    /// Reacts to a terminal event at `now`.
    mutating func update(_ event: TerminalEvent, now: Date) -> [DeskEffect] {
        self.now = now
        switch event {
        case let .resize(newSize):
            size = newSize
            return []
        case .hangup, .terminate:
            return shutdown()
        case .idle:
            var effects: [DeskEffect] = []
            if let escapeAt, now.timeIntervalSince(escapeAt) >= configuration.escapeWindow {
                self.escapeAt = nil
                effects += route(.back)
            }
            return effects + housekeeping()
        case let .key(key):
            var effects = lockIfIdle()
            lastKey = now
            // While the window is too small, text typed still goes into the text field it was typed in, but
            // no other key acts on a screen the volunteer cannot see ("enlarge the window" shows instead):
            // a letter would answer a question, open a menu item or confirm an overlay.
            if !size.holds(configuration.minimumSize) {
                let typed: Bool
                switch key {
                case .character, .paste: typed = true
                default: typed = false
                }
                return effects + (typed && overlay == nil && focusIsTextField ? route(.key(key)) : []) + housekeeping()
            }
            if escapeAt != nil {
                escapeAt = nil
                if case let .character(digit) = key, let number = digit.wholeNumberValue, digit.isASCII,
                   let command = Command(functionKey: number == 0 ? 10 : number) {
                    return effects + route(.command(command)) + housekeeping()
                }
                effects += route(.back)
            }
            if key == .escape {
                escapeAt = now
                return effects
            }
            if let command = Command(key: key, textArea: focusIsTextArea) {
                effects += route(.command(command))
            } else {
                effects += route(.key(key))
            }
            return effects + housekeeping()
        }
    }

    /// How long the runner may wait for the next event before calling `update(.idle)`.
    func timeout(now: Date) -> TimeInterval {
        var deadlines: [Date] = []
        if let escapeAt { deadlines.append(escapeAt + configuration.escapeWindow) }
        if let testimony = screen.testimony, let since = testimony.dirtySince {
            deadlines.append(min((testimony.lastChange ?? since) + configuration.autosavePause, since + configuration.autosaveLimit))
        }
        if let idle = configuration.idleLock, screen.isLockable { deadlines.append(lastKey + idle) }
        let next = deadlines.min().map { $0.timeIntervalSince(now) } ?? 1
        return min(1, max(0.02, next))
    }

    private var focusIsTextArea: Bool {
        guard case let .form(form) = screen, let id = form.focusedID, case .area? = form.testimony.editors[id] else { return false }
        return true
    }

    /// Whether a question of the form with a text editor (a line or an area) has the focus.
    private var focusIsTextField: Bool {
        guard case let .form(form) = screen, let id = form.focusedID, let editor = form.testimony.editors[id] else { return false }
        if case .options = editor { return false }
        return true
    }

    /// Saves the draft when typing paused (or went on too long), and locks after inactivity.
    private mutating func housekeeping() -> [DeskEffect] {
        var effects: [DeskEffect] = []
        if !screen.isLocked, let testimony = screen.testimony, let since = testimony.dirtySince {
            let paused = now.timeIntervalSince(testimony.lastChange ?? since) >= configuration.autosavePause
            if paused || now.timeIntervalSince(since) >= configuration.autosaveLimit {
                effects += saveDraft(whileTyping: true)
            }
        }
        return effects + lockIfIdle()
    }

    private mutating func lockIfIdle() -> [DeskEffect] {
        guard let idle = configuration.idleLock, screen.isLockable, now.timeIntervalSince(lastKey) >= idle else { return [] }
        return lock(afterIdle: true)
    }

    /// Saves the open draft if it has unsaved changes; `whileTyping`, in the background, so that the save
    /// (encryption, then a durable SQLite commit) does not hold up the keys that follow.
    private mutating func saveDraft(whileTyping: Bool = false) -> [DeskEffect] {
        guard let testimony = screen.testimony, testimony.isDirty else { return [] }
        var draft: Draft?
        screen.updateTestimony { draft = $0.draftForSaving(now: now) }
        return draft.map { [whileTyping ? .autosave($0) : .saveDraft($0)] } ?? []
    }

    /// Saves, hides everything behind the passphrase, and forgets the secrets.
    private mutating func lock(afterIdle: Bool) -> [DeskEffect] {
        let effects = saveDraft()
        overlay = nil
        escapeAt = nil
        let desk = overview.map { (name: $0.deskName, fingerprint: $0.deskFingerprint) }
        screen = .locked(UnlockScreen(reason: afterIdle ? .idle : .locked, desk: desk), underneath: screen)
        return effects + [.forgetSecrets]
    }

    /// Saves and ends at once (SIGHUP, SIGTERM: the terminal is gone).
    private mutating func shutdown() -> [DeskEffect] {
        isFinished = true
        return saveDraft() + [.exit]
    }

    /// The volunteer quits: after saving the open draft, and not if that fails.
    private mutating func quit() -> [DeskEffect] {
        guard screen.testimony?.isDirty == true else { return shutdown() }
        if case .locked(var unlock, let underneath) = screen {
            // The save at locking failed (a full disk) and the secrets are forgotten: only unlocking can save it.
            unlock.show(UIText.unlockToSave)
            screen = .locked(unlock, underneath: underneath)
            return []
        }
        afterSave = .quit
        return saveDraft()
    }

    // MARK: - Routing

    private mutating func route(_ input: Input) -> [DeskEffect] {
        if let overlay {
            return answer(overlay, input)
        }
        if input == .command(.help), !isWorking {
            overlay = .help
            return []
        }
        switch screen {
        case var .setup(setup):
            let action = setup.handle(input)
            screen = .setup(setup)
            switch action {
            case let .effect(effect)?: return [effect]
            case let .language(chosen)?:
                language = chosen
                return []
            case .finish?:
                screen = .home(HomeScreen())
                return [.loadOverview]
            case .quit?: return quit()
            case nil: return []
            }
        case var .unlock(unlock):
            let action = unlock.handle(input)
            screen = .unlock(unlock)
            return unlockAction(action)
        case .locked(var unlock, let underneath):
            let action = unlock.handle(input)
            screen = .locked(unlock, underneath: underneath)
            return unlockAction(action)
        case var .home(home):
            let action = home.handle(input, overview: overview)
            screen = .home(home)
            return homeAction(action)
        case var .form(form):
            let action = form.handle(input, size: size, now: now)
            screen = .form(form)
            return formAction(action, form: form)
        case var .review(review):
            let action = review.handle(input, now: now)
            screen = .review(review)
            return reviewAction(action, review: review)
        case let .receipt(receipt):
            guard receipt.closes(input) else { return [] }
            return goHome()
        case var .export(export):
            let action = export.handle(input)
            screen = .export(export)
            switch action {
            case let .effect(effect)?: return [effect]
            case .back?: return goHome()
            case nil: return []
            }
        }
    }

    private var isWorking: Bool {
        switch screen {
        case let .setup(setup): setup.isWorking
        case let .unlock(unlock), let .locked(unlock, _): unlock.isWorking
        default: false
        }
    }

    private mutating func answer(_ current: Overlay, _ input: Input) -> [DeskEffect] {
        guard let answer = current.answer(to: input) else { return [] }
        overlay = nil
        guard answer == .confirm else { return [] }
        switch (current, screen.testimony) {
        case let (.confirmSeal, testimony?):
            var draft = testimony.draft
            draft.updatedAt = now
            return [.seal(draft)]
        case let (.confirmWipe, testimony?):
            // Off the testimony at once: an autosave due before the deletion's outcome would bring the draft back.
            screen = .home(HomeScreen())
            return [.deleteDraft(id: testimony.draft.id, files: testimony.draft.files ?? [])]
        case let (.confirmHiding(change), _):
            guard case var .form(form) = screen else { return [] }
            form.apply(change, now: now)
            screen = .form(form)
            return []
        default:
            return []
        }
    }

    private mutating func unlockAction(_ action: UnlockScreen.Action?) -> [DeskEffect] {
        switch action {
        case let .effect(effect)?: return [effect]
        case .quit?: return quit()
        case nil: return []
        }
    }

    private mutating func homeAction(_ action: HomeScreen.Action?) -> [DeskEffect] {
        guard let overview else { return action.map { if case .quit = $0 { quit() } else { [] } } ?? [] }
        switch action {
        case .newTestimony?:
            message = nil
            screen = .form(FormScreen(testimony: Testimony.new(form: overview.form, now: now, language: language)))
        case let .resume(draft)?:
            message = nil
            screen = .form(FormScreen(testimony: Testimony(form: overview.form(for: draft), draft: draft)))
        case .export?:
            message = nil
            screen = .export(ExportScreen(defaultFolder: configuration.exportFolder, fileName: Self.bundleName(now)))
            return [.findDestinations]
        case .switchLanguage?:
            language = language.other
            return [.saveLanguage(language)]
        case .lock?:
            return lock(afterIdle: false)
        case .quit?:
            return quit()
        case nil:
            break
        }
        return []
    }

    private mutating func formAction(_ action: FormScreen.Action?, form: FormScreen) -> [DeskEffect] {
        switch action {
        case .review?:
            screen = .review(ReviewScreen(form: form, now: now))
            return saveDraft()
        case .close?:
            guard screen.testimony?.isDirty == true else { return goHome() }
            afterSave = .goHome
            return saveDraft()
        case .wipe?:
            overlay = .confirmWipe
        case .lock?:
            return lock(afterIdle: false)
        case let .confirmHiding(change)?:
            overlay = .confirmHiding(change)
        case let .effect(effect)?:
            return [effect]
        case let .removeFiles(files)?:
            var draft: Draft?
            screen.updateTestimony { draft = $0.draftForSaving(now: now) }
            return draft.map { [.removeFiles($0, files)] } ?? []
        case nil:
            break
        }
        return []
    }

    private mutating func reviewAction(_ action: ReviewScreen.Action?, review: ReviewScreen) -> [DeskEffect] {
        switch action {
        case let .edit(fieldID)?:
            var form = review.form
            form.focus(on: fieldID)
            screen = .form(form)
        case .back?:
            screen = .form(review.form)
        case .seal?:
            overlay = .confirmSeal
        case .wipe?:
            overlay = .confirmWipe
        case .lock?:
            return lock(afterIdle: false)
        case nil:
            break
        }
        return []
    }

    private mutating func goHome() -> [DeskEffect] {
        screen = .home(HomeScreen())
        return [.loadOverview]
    }

    /// `temoin-20260314-183005.tmn`, from the desk's clock.
    static func bundleName(_ now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "temoin-\(formatter.string(from: now)).tmn"
    }

    /// `18:30:05` on the desk's clock.
    static func clockTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    // MARK: - Outcomes

    /// Reacts to the result of an effect.
    mutating func receive(_ outcome: DeskOutcome, now: Date) -> [DeskEffect] {
        self.now = now
        switch (outcome, screen) {
        case (.keyFilesFound, .setup(var setup)), (.completed, .setup(var setup)), (.teamKeyRead, .setup(var setup)),
             (.vaultCreated, .setup(var setup)), (.failed, .setup(var setup)):
            setup.receive(outcome)
            screen = .setup(setup)
        case (.unlocked, .unlock):
            lastKey = now
            screen = .home(HomeScreen())
            return [.loadOverview]
        case let (.unlocked, .locked(_, underneath)):
            lastKey = now
            screen = underneath
            if case .home = underneath { return [.loadOverview] }
        case (.wrongPassphrase, .unlock(var unlock)):
            unlock.receive(outcome)
            screen = .unlock(unlock)
        case (.failed(let failure), .unlock(var unlock)) where failure.stage == .unlock:
            unlock.receive(outcome)
            screen = .unlock(unlock)
        case (.wrongPassphrase, .locked(var unlock, let underneath)):
            unlock.receive(outcome)
            screen = .locked(unlock, underneath: underneath)
        case (.failed(let failure), .locked(var unlock, let underneath)) where failure.stage == .unlock:
            unlock.receive(outcome)
            screen = .locked(unlock, underneath: underneath)
        case let (.overview(overview), _):
            self.overview = overview
        case let (.draftSaved(id, at), _):
            switch afterSave.take() {
            case .goHome?: return goHome()
            case .quit?: return shutdown()
            case nil:
                if screen.testimony?.draft.id == id { message = (UIText.draftSaved(Self.clockTime(at)), false) }
            }
        case let (.languageSaved(saved), _):
            if case .home = screen { message = (UIText.languageSaved(UIText.languageName(saved)), false) }
        case (.draftDeleted, _):
            message = (UIText.draftDiscarded, false)
            return goHome()
        case (.placesListed(let places), .form(var form)):
            form.updatePicker { $0.showPlaces(places) }
            screen = .form(form)
        case (.folderListed(let path, let entries), .form(var form)):
            form.updatePicker { $0.showFolder(path, entries: entries) }
            screen = .form(form)
        case (.folderUnreadable(let path, let reason), .form(var form)):
            form.updatePicker { $0.showUnreadable(path, reason: reason) }
            screen = .form(form)
        case (.attachProgress(let done, let total), .form(var form)):
            form.updatePicker { $0.showProgress(done: done, total: total) }
            screen = .form(form)
        case (.fileAttached(let file), .form(var form)):
            form.attached(file, now: now)
            screen = .form(form)
            // Saved at once: the draft is the only place the file's key lives.
            return saveDraft()
        case (.failed(let failure), .form(var form)) where failure.stage == .attachFile && form.picker != nil:
            form.updatePicker { $0.showProblem(failure.message) }
            screen = .form(form)
        case let (.sealed(record), _):
            message = nil
            screen = .receipt(ReceiptScreen(record: record))
            return [.loadOverview]
        case (.destinations, .export(var export)), (.exportChecked, .export(var export)), (.exportProgress, .export(var export)),
             (.exported, .export(var export)):
            export.receive(outcome)
            screen = .export(export)
        case (.failed(let failure), .export(var export)) where failure.stage == .export:
            export.receive(outcome)
            screen = .export(export)
        case let (.failed(failure), _):
            if failure.stage == .saveDraft {
                afterSave = nil
                screen.updateTestimony { $0.markUnsaved(now: now) }
            }
            message = (failure.message, true)
        default:
            break
        }
        return []
    }

    // MARK: - View

    /// Draws the state at the current size.
    func view() -> Frame {
        guard size.holds(configuration.minimumSize) else {
            return Frame.tooSmall(size: size, minimum: configuration.minimumSize, language: language)
        }
        var frame = draw(screen)
        if let overlay {
            overlay.draw(over: &frame, language: language)
        }
        return frame
    }

    private func draw(_ screen: DeskScreen) -> Frame {
        switch screen {
        case let .setup(setup):
            return setup.view(size: size, language: language)
        case let .unlock(unlock), let .locked(unlock, _):
            return unlock.view(size: size, language: language)
        case let .home(home):
            var frame = home.view(size: size, language: language, overview: overview)
            if let message { frame.statusLine(message.text(language), isError: message.isError) }
            return frame
        case let .form(form):
            var frame = form.view(size: size, language: language, now: now)
            if form.picker != nil {
                if let message, message.isError { frame.statusLine(message.text(language), isError: true) }
            } else if let notice = form.notice {
                frame.statusLine(notice(language), isError: true)
            } else if let message {
                frame.statusLine(message.text(language), isError: message.isError)
            } else if let id = form.focusedID, let field = form.testimony.form.field(id) {
                frame.put(" " + UIText.hint(for: field.kind)(language), at: Position(column: 0, row: size.height - 2), style: .dim,
                          maxWidth: size.width)
            }
            return frame
        case let .review(review):
            var frame = review.view(size: size, language: language, now: now)
            if !review.notReady, let message { frame.statusLine(message.text(language), isError: message.isError) }
            return frame
        case let .receipt(receipt):
            return receipt.view(size: size, language: language)
        case let .export(export):
            return export.view(size: size, language: language, awaiting: export.isFinished ? nil : overview?.status.awaitingExport ?? 0)
        }
    }
}
