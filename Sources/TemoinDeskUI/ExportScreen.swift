import Foundation
import TemoinDesk
import TemoinForms
import TemoinTerminal
import TemoinUIKit

/// Export: choose a destination (and whether to leave the evidence files out), check it, write the bundle (or
/// its volumes, for a FAT32 stick) with a progress bar, show the result.
struct ExportScreen: Sendable {
    /// Where the export stands.
    enum Phase: Sendable {
        case choosing
        case checking
        case writing(done: Int, total: Int)
        /// The bundle, or its volumes in order.
        case finished([ExportSummary])
        case failed(Localized)
    }

    /// What the model must do after a key.
    enum Action: Sendable {
        case effect(DeskEffect)
        case back
    }

    /// The destination folder, as typed or picked.
    private(set) var folder: LineEditor
    /// The default folder (created when missing).
    let defaultFolder: String
    /// The bundle's file name.
    let fileName: String
    /// The places found: the default folder and mounted media.
    private(set) var destinations: [ExportDestination]
    /// 0 the folder field, then the destinations, then the "without files" choice.
    private(set) var focus = 0
    /// Leave the evidence files out (`temoin export --without-files`): a quick bundle of the testimonies, those
    /// with files staying to export with them; for a testimony whose files fit on no volume.
    private(set) var withoutFiles = false
    /// Where the export stands.
    private(set) var phase: Phase = .choosing

    /// Opens the screen on the default folder.
    init(defaultFolder: String, fileName: String) {
        self.defaultFolder = defaultFolder
        self.fileName = fileName
        folder = LineEditor(defaultFolder)
        destinations = [ExportDestination(folder: defaultFolder, removable: false)]
    }

    /// Whether an export is running.
    var isBusy: Bool {
        switch phase {
        case .checking, .writing: true
        default: false
        }
    }

    /// Whether the bundle was written (the count of testimonies awaiting export is then stale: it is not shown).
    var isFinished: Bool {
        if case .finished = phase { return true }
        return false
    }

    /// Reacts to a key.
    mutating func handle(_ input: Input) -> Action? {
        switch phase {
        case .checking, .writing: return nil
        case .finished:
            switch input {
            case .key(.enter), .back, .command(.quit): return .back
            default: return nil
            }
        case .failed:
            switch input {
            case .key(.enter), .back: phase = .choosing
            case .command(.quit): return .back
            default: break
            }
            return nil
        case .choosing: break
        }
        switch input {
        case .back, .command(.quit): return .back
        case .key(.up), .key(.backTab):
            focus = max(0, focus - 1)
            if destinations.indices.contains(focus - 1) { folder.buffer.replace(with: destinations[focus - 1].folder) }
        case .key(.down), .key(.tab):
            focus = min(filesChoice, focus + 1)
            if destinations.indices.contains(focus - 1) { folder.buffer.replace(with: destinations[focus - 1].folder) }
        case .key(.character(" ")) where focus == filesChoice, .key(.left) where focus == filesChoice, .key(.right) where focus == filesChoice:
            withoutFiles.toggle()
        case .key(.enter):
            let target = folder.text.trimmingCharacters(in: .whitespaces)
            guard !target.isEmpty else { return nil }
            phase = .checking
            return .effect(.export(folder: target, fileName: fileName, withoutFiles: withoutFiles))
        case let .key(key):
            focus = 0
            _ = folder.handle(key)
        default: break
        }
        return nil
    }

    /// The focus of the "without files" choice, after the destinations.
    private var filesChoice: Int { destinations.count + 1 }

    /// Reacts to the result of an effect.
    mutating func receive(_ outcome: DeskOutcome) {
        switch outcome {
        case let .destinations(found):
            let onChoice = focus == filesChoice
            destinations = [ExportDestination(folder: defaultFolder, removable: false)] + found.filter { $0.folder != defaultFolder }
            if onChoice { focus = filesChoice } else { focus = min(focus, destinations.count) }
        case let .exportChecked(_, records, _): phase = .writing(done: 0, total: records)
        case let .exportProgress(done, total): phase = .writing(done: done, total: total)
        case let .exported(summaries): phase = .finished(summaries)
        case let .failed(failure): phase = .failed(failure.message)
        default: break
        }
    }

    /// Draws the screen.
    func view(size: Size, language: Language, awaiting: Int?) -> Frame {
        var frame = Frame(size: size)
        frame.titleBar(UIText.exportTitle(language))
        let width = size.width - 4
        var row = 2
        if let awaiting {
            row += frame.paragraph(UIText.exportAwaiting(awaiting)(language), at: Position(column: 2, row: row), width: width, style: .bold)
            row += 1
        }
        switch phase {
        case .choosing, .checking, .failed:
            row = drawChoice(into: &frame, row: row, width: width, language: language)
        case let .writing(done, total):
            frame.put(UIText.exportWriting(language), at: Position(column: 2, row: row), maxWidth: width)
            row += 2
            drawProgress(into: &frame, row: row, width: min(width, 60), done: done, total: total)
        case let .finished(summaries) where summaries.count > 1:
            drawVolumes(summaries, into: &frame, row: row, width: width, language: language)
        case let .finished(summaries):
            if let summary = summaries.first { drawResult(summary, into: &frame, row: row, width: width, language: language) }
        }
        switch phase {
        case .checking: frame.statusLine(UIText.exportChecking(language), isError: false)
        case let .failed(message):
            let bottom = size.height - 3
            let lines = TextWrap.wrap(message(language) + " " + UIText.exportNothingLost(language), width: width)
            let start = max(row + 1, bottom - lines.count + 1)
            for (offset, line) in lines.enumerated() where start + offset <= bottom {
                frame.put(line, at: Position(column: 2, row: start + offset), style: [.error, .bold])
            }
        default: break
        }
        frame.keyBar([(.help, UIText.keyHelp(language)), (.quit, UIText.keyBack(language))])
        return frame
    }

    private func drawChoice(into frame: inout Frame, row start: Int, width: Int, language: Language) -> Int {
        var row = start
        frame.put(UIText.exportFolderPrompt(language), at: Position(column: 2, row: row), style: .bold, maxWidth: width)
        row += 1
        let cursor = folder.draw(into: &frame, at: Position(column: 2, row: row), width: width, style: focus == 0 ? [.underline, .accent] : .underline)
        if focus == 0, case .choosing = phase { frame.cursor = cursor }
        row += 1
        frame.put(UIText.exportFileName(fileName)(language), at: Position(column: 2, row: row), style: .dim, maxWidth: width)
        row += 2
        frame.put(UIText.exportPlaces(language), at: Position(column: 2, row: row), maxWidth: width)
        row += 1
        for (index, destination) in destinations.enumerated() where row < frame.size.height - 7 {
            let kind = destination.folder == defaultFolder ? UIText.exportDefaultFolder(language)
                : destination.removable ? UIText.exportRemovable(language) : ""
            let selected = focus == index + 1
            frame.put((selected ? "▶ " : "  ") + (kind.isEmpty ? destination.folder : kind + " — " + destination.folder),
                      at: Position(column: 2, row: row), style: selected ? [.reverse] : [], maxWidth: width)
            row += 1
        }
        row += 1
        let onChoice = focus == filesChoice
        frame.put((onChoice ? "▶ " : "  ") + (withoutFiles ? "[x] " : "[ ] ") + UIText.exportWithoutFiles(language),
                  at: Position(column: 2, row: row), style: onChoice ? [.reverse] : [], maxWidth: width)
        row += 2
        frame.put((onChoice ? UIText.exportWithoutFilesHint : UIText.exportHint)(language), at: Position(column: 2, row: row), style: .dim, maxWidth: width)
        return row + 1
    }

    private func drawProgress(into frame: inout Frame, row: Int, width: Int, done: Int, total: Int) {
        let label = " \(done)/\(total)"
        let barWidth = max(4, width - DisplayWidth.of(label) - 2)
        let filled = total > 0 ? barWidth * done / total : 0
        let bar = "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled) + "]"
        frame.put(bar + label, at: Position(column: 2, row: row), style: .bold)
    }

    private func drawResult(_ summary: ExportSummary, into frame: inout Frame, row start: Int, width: Int, language: Language) {
        var row = start
        frame.put(UIText.exportDone(language), at: Position(column: 2, row: row), style: [.ok, .bold], maxWidth: width)
        row += 2
        let lines = [
            UIText.exportResultPath(summary.path)(language),
            UIText.exportResultSize(language.bytes(summary.byteCount))(language),
            UIText.exportResultRecords(summary.recordCount)(language),
            UIText.deskFingerprintLine(summary.deskFingerprint)(language),
        ]
        for line in lines {
            row += frame.paragraph(line, at: Position(column: 2, row: row), width: width)
        }
        row += 1
        row += frame.paragraph(UIText.exportCarry(language), at: Position(column: 2, row: row), width: width, style: .dim)
        if withoutFiles {
            frame.paragraph(UIText.exportFilesLeft(language), at: Position(column: 2, row: row + 1), width: width, style: .bold)
        }
    }

    /// The volumes of a split export: their folder and names, what they carry together, and that the team needs
    /// every one of them.
    private func drawVolumes(_ volumes: [ExportSummary], into frame: inout Frame, row start: Int, width: Int, language: Language) {
        guard let first = volumes.first else { return }
        var row = start
        row += frame.paragraph(UIText.exportDoneVolumes(volumes.count)(language), at: Position(column: 2, row: row), width: width, style: [.ok, .bold])
        row += 1
        let folder = (first.path as NSString).deletingLastPathComponent
        row += frame.paragraph(UIText.exportResultFolder(folder)(language), at: Position(column: 2, row: row), width: width)
        // The names, as many as leave room for the totals and the instruction below them.
        let room = max(1, frame.size.height - row - 10)
        let shown = volumes.count <= room ? volumes : Array(volumes.prefix(room - 1))
        for volume in shown {
            let name = (volume.path as NSString).lastPathComponent + "  (" + language.bytes(volume.byteCount) + ")"
            frame.put("  " + name, at: Position(column: 2, row: row), style: .bold, maxWidth: width)
            row += 1
        }
        if shown.count < volumes.count {
            frame.put("  " + UIText.exportMoreVolumes(volumes.count - shown.count)(language), at: Position(column: 2, row: row), maxWidth: width)
            row += 1
        }
        let lines = [
            UIText.exportResultSize(language.bytes(volumes.reduce(0) { $0 + $1.byteCount }))(language),
            UIText.exportResultRecords(volumes.reduce(0) { $0 + $1.recordCount })(language),
            UIText.deskFingerprintLine(first.deskFingerprint)(language),
        ]
        for line in lines {
            row += frame.paragraph(line, at: Position(column: 2, row: row), width: width)
        }
        row += 1
        row += frame.paragraph(UIText.exportCarryVolumes(volumes.count)(language), at: Position(column: 2, row: row), width: width, style: .bold)
        if withoutFiles {
            frame.paragraph(UIText.exportFilesLeft(language), at: Position(column: 2, row: row + 1), width: width, style: .bold)
        }
    }
}
