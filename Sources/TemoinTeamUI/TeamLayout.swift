import TemoinTerminal

/// Measuring helpers of the analysis screens, in display columns.
enum TeamLayout {
    /// `text` cut to `width` columns, ending with `…` when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    static func pad(_ text: String, _ width: Int) -> String {
        let shown = fit(text, width)
        return shown + String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
    }

    /// The first row of a window of `visible` rows that keeps `selection` in view, starting from `top`.
    static func scroll(top: Int, selection: Int, visible: Int) -> Int {
        guard visible > 0 else { return selection }
        if selection < top { return selection }
        if selection >= top + visible { return selection - visible + 1 }
        return top
    }
}
