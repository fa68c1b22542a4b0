import TemoinFormat

extension String {
    /// The text made safe inside HTML content and quoted attribute values: `& < > " '` become entities.
    var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A text that whoever sealed a testimony or signed its bundle chose (an answer, a label made of answers, a desk
    /// name, a receipt, a file's name or type) as the report, its charts and the exhibit show it, before escaping:
    /// each control or format character as U+FFFD (line breaks and tabs kept; the joiners too), as on a terminal, and
    /// at most `marksPrinted` combining marks on a character. A right-to-left override had Chromium show the city
    /// "Paris" U+202E "fdp.exe" as "Parisexe.pdf", and a city of thousands of marks ("Zalgo") stacked a column of
    /// accents as high as the page over what stands above it, a desk's fingerprint and standing included. The hash
    /// and the counting cover the text as sealed.
    var printed: String {
        // Most answers hold nothing to change (French is written with precomposed letters): one pass tells, without
        // splitting the text into characters, which took more time than the rest of a report of 100,000 testimonies.
        if unicodeScalars.allSatisfy(Self.printsAsIs) { return self }
        var out = String.UnicodeScalarView()
        for character in replacingControlCharacters(keeping: ["\n", "\r", "\t"]) {
            var marks = 0
            for scalar in character.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .enclosingMark:
                    marks += 1
                    if marks <= Self.marksPrinted { out.append(scalar) }
                default: out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// The combining marks `printed` keeps on one character: enough for any written language (Vietnamese stacks two).
    static let marksPrinted = 4

    /// Whether `printed` keeps `scalar` as it is wherever it stands: neither a control, format or separator
    /// character (but a tab or a line break) nor a combining mark. Below U+0300, read from its value: the only
    /// such scalars there are the C0 and C1 controls and the soft hyphen.
    private static func printsAsIs(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return value >= 0x20 ? !(0x7F...0x9F).contains(value) && value != 0xAD : value == 0x09 || value == 0x0A || value == 0x0D }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark: return false
        default: return true
        }
    }
}
