extension String {
    /// The text with every control, format or line-separator character (general category `Cc`, `Cf`, `Zl`,
    /// `Zp`: the escape of a terminal sequence, a carriage return, a right-to-left override) replaced by U+FFFD,
    /// but the joiners U+200C and U+200D (which Persian, Indic scripts and emoji need) and those in `kept`.
    /// For what a person reads on a terminal of a text that whoever sealed or signed it chose, so that it cannot
    /// rewrite or hide what is printed around it (a bundle's desk name, Docs/FORMAT.md, "Bundle").
    public func replacingControlCharacters(keeping kept: Set<Unicode.Scalar> = []) -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                kept.contains(scalar) || scalar == "\u{200C}" || scalar == "\u{200D}" ? scalar : "\u{FFFD}"
            default: scalar
            }
        }))
    }
}
