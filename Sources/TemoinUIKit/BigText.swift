/// Large letters (5 rows of block characters) for the receipt code, to copy by hand from afar.
public enum BigText {
    /// Rows of a glyph.
    public static let height = 5
    /// Columns of a glyph, without the space between glyphs.
    public static let glyphWidth = 5

    /// The five rows of `text` in large letters; characters without a glyph are shown small.
    public static func render(_ text: String) -> [String] {
        var rows = Array(repeating: "", count: height)
        for (index, character) in text.uppercased().enumerated() {
            let glyph = glyphs[character] ?? ["     ", "     ", "  \(character)  ", "     ", "     "]
            for row in 0..<height {
                rows[row] += (index > 0 ? " " : "") + glyph[row].replacingOccurrences(of: "#", with: "█")
            }
        }
        return rows
    }

    /// The width of `text` in large letters, in columns.
    public static func width(of text: String) -> Int {
        text.isEmpty ? 0 : text.count * (glyphWidth + 1) - 1
    }

    /// The receipt alphabet (digits 2–9, letters without I and O) and the hyphen.
    private static let glyphs: [Character: [String]] = [
        "2": ["#### ", "    #", " ### ", "#    ", "#####"],
        "3": ["#### ", "    #", " ### ", "    #", "#### "],
        "4": ["#   #", "#   #", "#####", "    #", "    #"],
        "5": ["#####", "#    ", "#### ", "    #", "#### "],
        "6": [" ### ", "#    ", "#### ", "#   #", " ### "],
        "7": ["#####", "    #", "   # ", "  #  ", "  #  "],
        "8": [" ### ", "#   #", " ### ", "#   #", " ### "],
        "9": [" ### ", "#   #", " ####", "    #", " ### "],
        "A": [" ### ", "#   #", "#####", "#   #", "#   #"],
        "B": ["#### ", "#   #", "#### ", "#   #", "#### "],
        "C": [" ####", "#    ", "#    ", "#    ", " ####"],
        "D": ["#### ", "#   #", "#   #", "#   #", "#### "],
        "E": ["#####", "#    ", "#### ", "#    ", "#####"],
        "F": ["#####", "#    ", "#### ", "#    ", "#    "],
        "G": [" ####", "#    ", "#  ##", "#   #", " ### "],
        "H": ["#   #", "#   #", "#####", "#   #", "#   #"],
        "J": ["  ###", "    #", "    #", "#   #", " ### "],
        "K": ["#   #", "#  # ", "###  ", "#  # ", "#   #"],
        "L": ["#    ", "#    ", "#    ", "#    ", "#####"],
        "M": ["#   #", "## ##", "# # #", "#   #", "#   #"],
        "N": ["#   #", "##  #", "# # #", "#  ##", "#   #"],
        "P": ["#### ", "#   #", "#### ", "#    ", "#    "],
        "Q": [" ### ", "#   #", "# # #", "#  # ", " ## #"],
        "R": ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        "S": [" ####", "#    ", " ### ", "    #", "#### "],
        "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        "U": ["#   #", "#   #", "#   #", "#   #", " ### "],
        "V": ["#   #", "#   #", "#   #", " # # ", "  #  "],
        "W": ["#   #", "#   #", "# # #", "## ##", "#   #"],
        "X": ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        "Y": ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
        "Z": ["#####", "   # ", "  #  ", " #   ", "#####"],
        "-": ["     ", "     ", " ### ", "     ", "     "],
    ]
}
