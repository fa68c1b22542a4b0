/// An in-memory terminal for tests: events come from a queue, frames are recorded.
public final class MemoryTerminal: Terminal {
    /// The current size; change it with `resize(to:)`.
    public private(set) var size: Size
    /// Every frame drawn, oldest first (see `frameHistoryLimit`).
    public private(set) var frames: [Frame] = []
    /// Keep at most this many frames in `frames` (the newest); `nil` keeps all.
    public var frameHistoryLimit: Int?
    /// How many times `draw(_:)` was called, whatever `frameHistoryLimit` is.
    public private(set) var drawCount = 0
    /// Whether `close()` was called.
    public private(set) var isClosed = false
    private var queue: [TerminalEvent]
    private var queueHead = 0

    /// Creates a terminal of `size` with `events` queued.
    public init(size: Size, events: [TerminalEvent] = []) {
        self.size = size
        self.queue = events
    }

    /// The most recently drawn frame.
    public var lastFrame: Frame? {
        frames.last
    }

    /// Events queued and not yet returned by `nextEvent(timeout:)`.
    public var pendingEvents: [TerminalEvent] {
        Array(queue[queueHead...])
    }

    /// Queues events.
    public func enqueue(_ events: TerminalEvent...) {
        queue.append(contentsOf: events)
    }

    /// Queues keys.
    public func press(_ keys: Key...) {
        queue.append(contentsOf: keys.map(TerminalEvent.key))
    }

    /// Queues one `.character` key per character of `text`; newlines become `.enter`, tabs `.tab`.
    public func type(_ text: String) {
        for character in text {
            switch character {
            case "\n", "\r\n", "\r": queue.append(.key(.enter))
            case "\t": queue.append(.key(.tab))
            default: queue.append(.key(.character(character)))
            }
        }
    }

    /// Changes the size and queues the matching `.resize` event.
    public func resize(to newSize: Size) {
        size = newSize
        queue.append(.resize(newSize))
    }

    /// Records `frame`.
    public func draw(_ frame: Frame) {
        drawCount += 1
        frames.append(frame)
        if let limit = frameHistoryLimit, frames.count > max(1, limit) {
            frames.removeFirst(frames.count - max(1, limit))
        }
    }

    /// Returns the next queued event, or `.idle` at once when the queue is empty.
    public func nextEvent(timeout: Duration?) -> TerminalEvent {
        guard queueHead < queue.count else { return .idle }
        let event = queue[queueHead]
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return event
    }

    /// Marks the terminal closed.
    public func close() {
        isClosed = true
    }
}
