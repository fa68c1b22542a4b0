import Foundation
import TemoinFormat
import TemoinForms

/// Figures as text for `temoin team stats`: a table to read, CSV for a spreadsheet, JSON for a program.
/// Every form carries the denominator (`asked`), "did not apply" and "not answered" apart, and the notes.
public struct StatisticsOutput: Sendable {
    /// The output forms.
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json
    }

    /// The series to write, one per `--by` (or the charted fields).
    public var series: [CountSeries]
    /// The crosstab of the first `--by` by the second, when two were given.
    public var crosstab: Crosstab?
    /// How many testimonies passed the filter.
    public var testimonies: Int
    /// The language of labels and notes.
    public var language: Language
    /// The CSV separator.
    public var separator: Character

    /// Creates an output.
    public init(series: [CountSeries], crosstab: Crosstab?, testimonies: Int, language: Language, separator: Character = ",") {
        self.series = series
        self.crosstab = crosstab
        self.testimonies = testimonies
        self.language = language
        self.separator = separator
    }

    /// The whole text in `format`.
    public func render(_ format: Format) -> String {
        switch format {
        case .table: table().replacingControlCharacters(keeping: ["\n"])
        case .csv: csv()
        case .json: json()
        }
    }

    // MARK: Table

    private func table() -> String {
        var out = ""
        if let crosstab { return crosstabTable(crosstab) }
        for series in series {
            out += series.breakdown.title.text(language) + "\n"
            let width = min(48, series.buckets.map { $0.label.text(language).count }.max() ?? 0)
            for bucket in series.buckets {
                let percent = series.percent(bucket).map { Self.percent($0, language) } ?? ""
                let line = "  " + pad(bucket.label.text(language), width) + "  " + pad(String(bucket.count), 6, right: true)
                    + "  " + pad(percent, 6, right: true)
                out += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
            }
            for note in series.notes { out += "  " + note.text(language) + "\n" }
            out += "\n"
        }
        return out
    }

    private func crosstabTable(_ crosstab: Crosstab) -> String {
        let title = crosstab.rows.breakdown.title.text(language) + " × " + crosstab.columns.breakdown.title.text(language)
        let rowWidth = min(40, crosstab.rows.buckets.map { $0.label.text(language).count }.max() ?? 0)
        let total = StatisticsLabels.total.text(language)
        let headers = crosstab.columns.buckets.map { String($0.label.text(language).prefix(24)) } + [total]
        var cells: [[String]] = crosstab.rows.buckets.indices.map { r in
            crosstab.columns.buckets.indices.map { c in
                let shares = [crosstab.rowPercent(r, c), crosstab.columnPercent(r, c)].map { $0.map { Self.percent($0, language) } ?? "—" }
                return "\(crosstab.cells[r][c]) (\(shares.joined(separator: " · ")))"
            } + [String(crosstab.rows.buckets[r].count)]
        }
        cells.append(crosstab.columns.buckets.map { String($0.count) } + [String(crosstab.testimonies)])
        let widths = headers.indices.map { c in max(headers[c].count, cells.map { $0[c].count }.max() ?? 0) }
        var out = title + "\n" + pad("", rowWidth) + headers.indices.map { "  " + pad(headers[$0], widths[$0], right: true) }.joined() + "\n"
        let labels = crosstab.rows.buckets.map { String($0.label.text(language).prefix(rowWidth)) } + [total]
        for (r, row) in cells.enumerated() {
            out += pad(labels[r], rowWidth) + row.indices.map { "  " + pad(row[$0], widths[$0], right: true) }.joined() + "\n"
        }
        out += StatisticsLabels.crosstabLegend.text(language) + "\n"
        for note in crosstab.notes { out += note.text(language) + "\n" }
        return out
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    /// "41 %" in French, "41%" in English, to the unit.
    static func percent(_ value: Double, _ language: Language) -> String {
        let rounded = Int(value.rounded())
        return language == .fr ? "\(rounded) %" : "\(rounded)%"
    }

    // MARK: CSV

    private func csv() -> String {
        var rows: [[String]]
        if let crosstab {
            rows = [["row_field", "row_value", "row_label", "column_field", "column_value", "column_label", "count",
                     "row_percent", "column_percent", "row_total", "column_total", "asked", "left_out"]]
            for (r, row) in crosstab.rows.buckets.enumerated() {
                for (c, column) in crosstab.columns.buckets.enumerated() {
                    rows.append([Self.name(crosstab.rows.breakdown), Self.value(row.key), row.label.text(language),
                                 Self.name(crosstab.columns.breakdown), Self.value(column.key), column.label.text(language),
                                 String(crosstab.cells[r][c]), Self.decimal(crosstab.rowPercent(r, c)),
                                 Self.decimal(crosstab.columnPercent(r, c)), String(row.count), String(column.count),
                                 String(crosstab.testimonies), String(crosstab.leftOut)])
                }
            }
        } else {
            // `asked` is the denominator of `percent`; `multiple`: percentages do not add up to 100; `caution`: fewer than 30 asked.
            rows = [["field", "question", "value", "label", "count", "percent", "asked", "testimonies", "multiple", "caution"]]
            for series in series {
                for bucket in series.buckets {
                    rows.append([Self.name(series.breakdown), series.breakdown.title.text(language), Self.value(bucket.key),
                                 bucket.label.text(language), String(bucket.count), Self.decimal(series.percent(bucket)),
                                 String(series.asked), String(series.testimonies), String(series.breakdown.multiple), String(series.isSmall)])
                }
            }
        }
        return rows.map { row in row.map { CSVCell.escaped($0, separator: separator) }.joined(separator: String(separator)) }
            .joined(separator: "\r\n") + "\r\n"
    }

    /// A bucket key as written in CSV and JSON: the value, or `(not_answered)`, `(not_asked)`, `(unreadable)`.
    public static func value(_ key: BucketKey) -> String {
        switch key {
        case let .value(value): value
        case .notAnswered: "(not_answered)"
        case .notAsked: "(not_asked)"
        case .unreadable: "(unreadable)"
        }
    }

    /// The name of a breakdown in CSV and JSON: the field id, or `desk` / `trust`.
    private static func name(_ breakdown: Breakdown) -> String {
        switch breakdown.grouping {
        case .desk: "desk"
        case .trust: "trust"
        default: breakdown.fieldID
        }
    }

    /// A percentage with one decimal and a dot, empty when there is none.
    private static func decimal(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? ""
    }

    // MARK: JSON

    private func json() -> String {
        var objects = series.map(object)
        if let crosstab, !objects.isEmpty { objects[0]["by"] = crosstabObject(crosstab) }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func object(_ series: CountSeries) -> [String: Any] {
        var counts: [String: Int] = [:]
        for bucket in series.buckets where bucket.isValue { counts[Self.value(bucket.key)] = bucket.count }
        return [
            "field": Self.name(series.breakdown),
            "question": series.breakdown.title.text(language),
            "testimonies": series.testimonies,
            "asked": series.asked,
            "answered": series.answered,
            "not_asked": series.count(.notAsked),
            "not_answered": series.count(.notAnswered),
            "unreadable": series.count(.unreadable),
            "multiple": series.breakdown.multiple,
            "caution": series.isSmall,
            "counts": counts,
            "buckets": series.buckets.map { bucket -> [String: Any] in
                var item: [String: Any] = ["value": Self.value(bucket.key), "label": bucket.label.text(language), "count": bucket.count]
                if let percent = series.percent(bucket) { item["percent"] = (percent * 10).rounded() / 10 }
                return item
            },
            "notes": series.notes.map { $0.text(language) },
        ]
    }

    private func crosstabObject(_ crosstab: Crosstab) -> [String: Any] {
        [
            "field": Self.name(crosstab.columns.breakdown),
            "asked": crosstab.testimonies,
            "left_out": crosstab.leftOut,
            "rows": crosstab.rows.buckets.enumerated().map { r, row -> [String: Any] in
                [
                    "value": Self.value(row.key), "label": row.label.text(language), "count": row.count,
                    "cells": crosstab.columns.buckets.enumerated().map { c, column -> [String: Any] in
                        var cell: [String: Any] = ["value": Self.value(column.key), "label": column.label.text(language),
                                                   "count": crosstab.cells[r][c]]
                        if let percent = crosstab.rowPercent(r, c) { cell["row_percent"] = (percent * 10).rounded() / 10 }
                        if let percent = crosstab.columnPercent(r, c) { cell["column_percent"] = (percent * 10).rounded() / 10 }
                        return cell
                    },
                ]
            },
            "notes": crosstab.notes.map { $0.text(language) },
        ]
    }
}

extension StatisticsLabels {
    /// The total row and column of a crosstab.
    public static let total = Localized(fr: "Total", en: "Total")
    /// How to read a crosstab's cell.
    public static let crosstabLegend = Localized(fr: "Dans chaque case : nombre (% de la ligne · % de la colonne).",
                                                 en: "In each cell: count (% of the row · % of the column).")
}
