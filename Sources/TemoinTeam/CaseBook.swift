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

/// Every testimony's case, by record id, from the events the team's keys open.
///
/// By record id, not by receipt: a receipt is a field of the payload, which a forger's desk can copy from a
/// genuine testimony's (or two receipts can meet by chance), and a status set on one would then show on the
/// other. A record id copied from another desk's testimony makes both copies `conflict` (`TeamDecryptor`).
public struct CaseBook: Sendable {
    private var events: [String: [CaseEvent]] = [:]
    private var files: [String: CaseFile] = [:]
    /// Events sealed only to keys not opened, or damaged: counted, so the team knows some are missing.
    public private(set) var unreadable: Int

    /// Folds `events` (in any order; an event given twice counts once) by record id.
    public init(events: [CaseEvent] = [], unreadable: Int = 0) {
        self.unreadable = unreadable
        for event in events { keep(event) }
        files = self.events.mapValues { CaseFile(events: $0) }
    }

    /// The case of `testimony` (empty when nothing was recorded).
    public subscript(testimony: DecryptedRecord) -> CaseFile {
        self[record: testimony.payload.record]
    }

    /// The case of the testimony with this record id, hexadecimal (empty when nothing was recorded).
    public subscript(record record: String) -> CaseFile {
        files[record] ?? CaseFile()
    }

    /// Whether any testimony has a status set.
    public var hasStatuses: Bool { files.values.contains { $0.statusEvent != nil } }

    /// Adds an event just recorded.
    public mutating func add(_ event: CaseEvent) {
        keep(event)
        files[event.record] = CaseFile(events: events[event.record] ?? [])
    }

    /// Keeps `event` under its record id, unless an event with its id is kept already.
    private mutating func keep(_ event: CaseEvent) {
        if event.id.isEmpty || events[event.record]?.contains(where: { $0.id == event.id }) != true {
            events[event.record, default: []].append(event)
        }
    }
}
