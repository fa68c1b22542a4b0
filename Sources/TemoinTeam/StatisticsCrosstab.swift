import TemoinForms

/// One question by another ("photo × consent", "force × device", "month × outcome"): how many testimonies
/// fall in each pair of answers, with row and column percentages.
///
/// Only the testimonies to which both questions applied are counted (`testimonies`); the others are
/// `leftOut`, so that every percentage has a denominator a reader can quote. A multichoice testimony
/// counts in each cell it ticks: percentages of a row are of the testimonies in that row, and may add up
/// to more than 100.
public struct Crosstab: Sendable {
    /// The question down the side: its buckets are the rows, their counts the row totals.
    public var rows: CountSeries
    /// The question across the top: its buckets are the columns, their counts the column totals.
    public var columns: CountSeries
    /// `cells[row][column]`: the testimonies in both buckets.
    public var cells: [[Int]]
    /// How many testimonies were counted: those to which both questions applied.
    public var testimonies: Int
    /// How many testimonies passing the filter were left out because one of the questions did not apply.
    public var leftOut: Int

    /// Counts `records` that pass `filter`, `rows` by `columns`, labelled with `form`.
    public init(records: [DecryptedRecord], form: Questionnaire, filter: Filter = Filter(), rows: Breakdown, columns: Breakdown) {
        var rowTally = StatisticsTally(rows), columnTally = StatisticsTally(columns)
        var pairs: [BucketKey: [BucketKey: Int]] = [:]
        var testimonies = 0, leftOut = 0
        let visibility = FieldVisibility(form)
        let positions = (rows: visibility.position(of: rows.fieldID), columns: visibility.position(of: columns.fieldID))
        for record in records where Statistics.counts(record.status) && filter.matches(record, in: form) {
            let asked = visibility.asked(in: record.payload.answers)
            func applies(_ breakdown: Breakdown, _ position: Int?) -> Bool { breakdown.isOrigin || position.map { asked[$0] } ?? false }
            guard applies(rows, positions.rows), applies(columns, positions.columns) else {
                leftOut += 1
                continue
            }
            testimonies += 1
            let rowKeys = rowTally.add(record, asked: true), columnKeys = columnTally.add(record, asked: true)
            for row in rowKeys {
                for column in columnKeys { pairs[row, default: [:]][column, default: 0] += 1 }
            }
        }
        self.init(rows: rowTally.series(form: form), columns: columnTally.series(form: form), pairs: pairs,
                  testimonies: testimonies, leftOut: leftOut)
    }

    /// The table of pairs counted elsewhere (`CountingIndex`): `pairs[row][column]` testimonies in both buckets.
    init(rows: CountSeries, columns: CountSeries, pairs: [BucketKey: [BucketKey: Int]], testimonies: Int, leftOut: Int) {
        let rowSeries = Self.withoutEmptySpecials(rows)
        let columnSeries = Self.withoutEmptySpecials(columns)
        cells = rowSeries.buckets.map { row in columnSeries.buckets.map { pairs[row.key]?[$0.key] ?? 0 } }
        self.rows = rowSeries
        self.columns = columnSeries
        self.testimonies = testimonies
        self.leftOut = leftOut
    }

    /// The share of row `row`'s testimonies in column `column`, in percent; nil when the row is empty.
    public func rowPercent(_ row: Int, _ column: Int) -> Double? {
        let total = rows.buckets[row].count
        return total == 0 ? nil : Double(cells[row][column]) * 100 / Double(total)
    }

    /// The share of column `column`'s testimonies in row `row`, in percent; nil when the column is empty.
    public func columnPercent(_ row: Int, _ column: Int) -> Double? {
        let total = columns.buckets[column].count
        return total == 0 ? nil : Double(cells[row][column]) * 100 / Double(total)
    }

    /// What a reader needs under the table: the denominator, several answers per person, small counts.
    public var notes: [Localized] {
        var notes = [StatisticsLabels.crosstabDenominator(testimonies, leftOut: leftOut)]
        if rows.breakdown.multiple || columns.breakdown.multiple { notes.append(StatisticsLabels.multipleNote) }
        if testimonies > 0 && testimonies < CountSeries.smallSample { notes.append(StatisticsLabels.smallNote(testimonies)) }
        return notes
    }

    /// A series without its "not answered" bucket when nobody left the question empty (the table is wide enough).
    private static func withoutEmptySpecials(_ series: CountSeries) -> CountSeries {
        var series = series
        series.buckets.removeAll { !$0.isValue && $0.count == 0 }
        return series
    }
}

extension StatisticsLabels {
    /// Under a crosstab: "Sur 34 témoignages où les deux questions étaient posées (12 autres laissés de côté)."
    static func crosstabDenominator(_ testimonies: Int, leftOut: Int) -> Localized {
        let fr = "Sur \(testimonies) témoignage\(testimonies == 1 ? "" : "s") où les deux questions étaient posées"
        let en = "Of \(testimonies) testimon\(testimonies == 1 ? "y" : "ies") where both questions were asked"
        guard leftOut > 0 else { return Localized(fr: fr + ".", en: en + ".") }
        return Localized(fr: fr + " (\(leftOut) autre\(leftOut == 1 ? "" : "s") laissé\(leftOut == 1 ? "" : "s") de côté : une des questions était sans objet).",
                         en: en + " (\(leftOut) other\(leftOut == 1 ? "" : "s") left out: one of the questions did not apply).")
    }
}
