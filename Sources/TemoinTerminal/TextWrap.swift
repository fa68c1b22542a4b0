/// Word wrapping measured in display columns, for the multi-line editor.
public enum TextWrap {
    /// Wraps `text` into lines at most `width` columns wide.
    ///
    /// Breaks at spaces (the spaces at a break are dropped) except, as French typography wants, after
    /// « and before », :, ;, ! and ? (a quotation keeps its marks), hard-breaks words
    /// longer than `width`, and keeps explicit newlines (an empty paragraph is
    /// an empty line). A character wider than `width` gets a line of its own.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrappedLines(text, width: width).map { line in
            var visible = text[line.range]
            while line.isSoftBreak, visible.last == " " {
                visible = visible.dropLast()
            }
            return String(visible)
        }
    }

    /// The range of `text` shown on each wrapped line, spaces at a soft break included.
    ///
    /// The ranges cover the whole text except the newline characters, in order,
    /// so an editor can map a cursor index to a line and a column. Each paragraph is wrapped on its
    /// own, so an editor may wrap only the paragraphs it shows.
    public static func lineRanges(_ text: String, width: Int) -> [Range<String.Index>] {
        wrappedLines(text, width: width).map(\.range)
    }

    /// A wrapped line: its range, and whether it ends at a soft break rather than a paragraph end.
    private struct Line {
        var range: Range<String.Index>
        var isSoftBreak: Bool
    }

    private static func wrappedLines(_ text: String, width: Int) -> [Line] {
        let width = max(1, width)
        var result: [Line] = []
        var paragraphStart = text.startIndex
        while true {
            let end = paragraphEnd(in: text, from: paragraphStart)
            wrapParagraph(text, paragraphStart..<end, width: width, into: &result)
            guard end < text.endIndex else { break }
            paragraphStart = text.index(after: end)
        }
        return result
    }

    /// Whether `character` ends a paragraph: `\n`, `\r\n` or `\r`.
    public static func isNewline(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    /// The index of the first newline at or after `index`, or the end of `text`.
    private static func paragraphEnd(in text: String, from index: String.Index) -> String.Index {
        text[index...].firstIndex(where: isNewline) ?? text.endIndex
    }

    private static func wrapParagraph(
        _ text: String, _ paragraph: Range<String.Index>, width: Int, into result: inout [Line]
    ) {
        var lineStart = paragraph.lowerBound
        var lineWidth = 0
        var index = paragraph.lowerBound
        while index < paragraph.upperBound {
            if text[index] == " " {
                lineWidth += 1
                index = text.index(after: index)
                continue
            }
            let wordEnd = breakableSpace(in: text, from: index, before: paragraph.upperBound)
            let wordWidth = DisplayWidth.of(String(text[index..<wordEnd]))
            if lineWidth + wordWidth <= width {
                lineWidth += wordWidth
                index = wordEnd
                continue
            }
            if index > lineStart {
                result.append(Line(range: lineStart..<index, isSoftBreak: true))
                lineStart = index
                lineWidth = 0
                if wordWidth <= width { continue }
            }
            // The word alone is wider than a line: cut it into pieces of at most `width` columns.
            var used = 0
            while index < wordEnd {
                let characterWidth = DisplayWidth.of(text[index])
                if used + characterWidth > width, used > 0 {
                    result.append(Line(range: lineStart..<index, isSoftBreak: true))
                    lineStart = index
                    used = 0
                }
                used += characterWidth
                index = text.index(after: index)
            }
            lineWidth = used
        }
        result.append(Line(range: lineStart..<paragraph.upperBound, isSoftBreak: false))
    }

    /// The first space at or after `index` where a line may break, or `end`: not the space after « nor
    /// the one before », :, ;, ! or ?, which French puts there and which must not start or end a line.
    private static func breakableSpace(in text: String, from index: String.Index, before end: String.Index) -> String.Index {
        var position = index
        while let space = text[position..<end].firstIndex(of: " ") {
            let next = text.index(after: space)
            if next < end {
                switch text[next] {
                case "»", ":", ";", "!", "?": position = next; continue
                default: break
                }
            }
            guard space > text.startIndex, text[text.index(before: space)] == "«" else { return space }
            position = next
        }
        return end
    }
}
