import Foundation

/// Where the team stands with one testimony: its events folded in time order.
public struct CaseFile: Sendable, Equatable {
    /// The latest status set (`new` until one is).
    public private(set) var status = CaseStatus.new
    /// The event that set the status, if any.
    public private(set) var statusEvent: CaseEvent?
    /// The tags, in the order first added (removing one and adding it again puts it last).
    public private(set) var tags: [String] = []
    /// The notes, oldest first.
    public private(set) var notes: [CaseEvent] = []
    /// Every event, oldest first.
    public private(set) var history: [CaseEvent] = []

    /// An empty case: status `new`, no tag, no note.
    public init() {}

    /// The events folded in history order: by time, and in the order given (recorded) within one second.
    init(events: [CaseEvent]) {
        let ordered = events.enumerated().sorted { $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset }
        for (_, event) in ordered { apply(event) }
    }

    /// The latest note.
    public var lastNote: CaseEvent? { notes.last }

    /// Whether nothing was ever recorded.
    public var isEmpty: Bool { history.isEmpty }

    private mutating func apply(_ event: CaseEvent) {
        history.append(event)
        let key = event.value.searchKey
        switch event.kind {
        case .note:
            notes.append(event)
        case .status:
            if let status = event.status {
                self.status = status
                statusEvent = event
            }
        case .tag:
            if !tags.contains(where: { $0.searchKey == key }) { tags.append(event.value) }
        case .untag:
            tags.removeAll { $0.searchKey == key }
        }
    }
}

/// Every testimony's case, by receipt code, from the events the team's keys open.
public struct CaseBook: Sendable {
    private var events: [String: [CaseEvent]] = [:]
    private var files: [String: CaseFile] = [:]
    /// Events sealed only to keys not opened, or damaged: counted, so the team knows some are missing.
    public private(set) var unreadable: Int

    /// Folds `events` (in any order; an event given twice counts once) by receipt.
    public init(events: [CaseEvent] = [], unreadable: Int = 0) {
        self.unreadable = unreadable
        for event in events { keep(event) }
        files = self.events.mapValues { CaseFile(events: $0) }
    }

    /// The case of the testimony with this receipt (empty when nothing was recorded).
    public subscript(receipt: String) -> CaseFile {
        files[receipt] ?? CaseFile()
    }

    /// Whether any testimony has a status set.
    public var hasStatuses: Bool { files.values.contains { $0.statusEvent != nil } }

    /// The receipts with at least one event.
    public var receipts: [String] { files.keys.sorted() }

    /// Adds an event just recorded.
    public mutating func add(_ event: CaseEvent) {
        keep(event)
        files[event.receipt] = CaseFile(events: events[event.receipt] ?? [])
    }

    /// Keeps `event` under its receipt, unless an event with its id is kept already.
    private mutating func keep(_ event: CaseEvent) {
        if event.id.isEmpty || events[event.receipt]?.contains(where: { $0.id == event.id }) != true {
            events[event.receipt, default: []].append(event)
        }
    }
}
