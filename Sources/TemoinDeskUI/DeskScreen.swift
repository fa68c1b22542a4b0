/// The screen the desk shows.
indirect enum DeskScreen: Sendable {
    /// First run.
    case setup(SetupScreen)
    /// The passphrase at start.
    case unlock(UnlockScreen)
    /// The home screen.
    case home(HomeScreen)
    /// The questionnaire.
    case form(FormScreen)
    /// The review before sealing.
    case review(ReviewScreen)
    /// The receipt after sealing.
    case receipt(ReceiptScreen)
    /// The export.
    case export(ExportScreen)
    /// Locked after inactivity, over the screen to come back to.
    case locked(UnlockScreen, underneath: DeskScreen)

    /// The testimony open on this screen (or under the lock), if any.
    var testimony: Testimony? {
        switch self {
        case let .form(form): form.testimony
        case let .review(review): review.form.testimony
        case let .locked(_, underneath): underneath.testimony
        default: nil
        }
    }

    /// Changes the open testimony, if there is one.
    mutating func updateTestimony(_ body: (inout Testimony) -> Void) {
        switch self {
        case var .form(form):
            form.update(body)
            self = .form(form)
        case var .review(review):
            review.updateForm { $0.update(body) }
            self = .review(review)
        case .locked(let lock, var underneath):
            underneath.updateTestimony(body)
            self = .locked(lock, underneath: underneath)
        default:
            break
        }
    }

    /// Whether the desk is locked (the secrets forgotten: nothing can be saved until it is unlocked).
    var isLocked: Bool {
        if case .locked = self { return true }
        return false
    }

    /// Whether the idle lock applies (something of the desk is shown, and no export is running).
    var isLockable: Bool {
        switch self {
        case .setup, .unlock, .locked: false
        case let .export(export): !export.isBusy
        default: true
        }
    }
}
