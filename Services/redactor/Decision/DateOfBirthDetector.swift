import SignpostEvents

/// Dates (02/11/1961, 2-11-61, 3rd of May 1980, May 3, 1980) only when the words just
/// before them say birth ("date of birth", "DOB", "D.O.B", "born on").
struct DateOfBirthDetector: Detector {
    func detect(in doc: Document) -> [Candidate] {
        var out: [Candidate] = []
        var lastEnd = 0
        var lastWasBirth = false
        var i = 0
        let t = doc.tokens
        while i < t.count {
            guard let (endIdx, _) = parseDate(doc, at: i) else { i += 1; continue }
            let start = t[i].start
            let window = min(48, start - lastEnd)
            // The birth words may end the line before ("Can I take your date of birth?\nCaller: It's 9 June 1989").
            let ctx = doc.context(before: start, maxScalars: window, sameLine: false)
            let gap = doc.string(lastEnd, start)
            if Lexicon.birthContext.contains(where: { ctx.containsWord($0) }) {
                out.append(Candidate(type: .dateOfBirth, start: start, end: t[endIdx].end, confidence: 0.93, rule: "dob"))
                lastWasBirth = true
            } else if lastWasBirth, start - lastEnd <= 24, !gap.contains("\n"),
                      Document.fold(gap).unicodeScalars.allSatisfy({ !$0.isLetterLike }) || ["sorry", " or ", "i mean", "correction", "no,", "not "].contains(where: Document.fold(gap).contains) {
                // A correction or repetition right after a date of birth: "…1944, no sorry, 21st June 1944".
                out.append(Candidate(type: .dateOfBirth, start: start, end: t[endIdx].end, confidence: 0.85, rule: "dob-again"))
            } else {
                lastWasBirth = false
            }
            lastEnd = t[endIdx].end
            i = endIdx + 1
        }
        return out
    }

    /// A date starting at token `i`: the index of its last token and its day, month, year.
    func parseDate(_ doc: Document, at i: Int) -> (Int, (Int, Int, Int))? {
        let t = doc.tokens
        // Day, month and number values are read once when the text is tokenised (`Token.day`, `.month`, `.value`).
        func num(_ k: Int) -> Int? {
            guard k < t.count, t[k].kind == .number else { return nil }
            return t[k].value
        }
        func day(_ k: Int) -> Int? {
            guard k < t.count, t[k].kind != .punct, t[k].day != 0 else { return nil }
            return t[k].day
        }
        func month(_ k: Int) -> Int? {
            guard k < t.count, t[k].kind == .word, t[k].month != 0 else { return nil }
            return t[k].month
        }
        func year(_ k: Int) -> Int? {
            guard let y = num(k), t[k].charCount == 4 || t[k].charCount == 2 else { return nil }
            if t[k].charCount == 4 && !(1880...2100).contains(y) { return nil }
            return y
        }
        func sameLine(_ k: Int) -> Bool { k < t.count && !t[k].newlineBefore }
        // Numeric: d/m/y with one separator kind, no spaces.
        if let d = num(i), t[i].charCount <= 2, doc.numberMayStart(at: t[i].start),
           i + 4 < t.count, t[i + 1].isPunct("/") || t[i + 1].isPunct("-") || t[i + 1].isPunct("."),
           t[i + 3].text == t[i + 1].text, (1...4).allSatisfy({ doc.isAttached(i + $0) }),
           let m = num(i + 2), t[i + 2].charCount <= 2, let y = year(i + 4),
           doc.numberMayEnd(at: t[i + 4].end) {
            let ok = (1...31).contains(d) && (1...31).contains(m) && (d <= 12 || m <= 12) && d > 0 && m > 0
            if ok { return (i + 4, (d, m, y)) }
        }
        // ISO: 1990-08-22
        if let y = num(i), t[i].charCount == 4, (1880...2100).contains(y), doc.numberMayStart(at: t[i].start), i + 4 < t.count,
           doc.isPunct(i + 1, "-") || doc.isPunct(i + 1, "/"), t[i + 3].text == t[i + 1].text, (1...4).allSatisfy({ doc.isAttached(i + $0) }),
           let m = num(i + 2), (1...12).contains(m), let d = num(i + 4), (1...31).contains(d), doc.numberMayEnd(at: t[i + 4].end) {
            return (i + 4, (d, m, y))
        }
        // Written: [the] 3rd [of] May[,] 1980
        if let d = day(i), doc.numberMayStart(at: t[i].start) {
            var k = i + 1
            if sameLine(k), t[k].lower == "of" { k += 1 }
            if sameLine(k), let m = month(k) {
                k += 1
                if doc.isPunct(k, ",") || doc.isPunct(k, ".") { k += 1 }
                if sameLine(k), let y = year(k), t[k].charCount == 4 { return (k, (d, m, y)) }
            }
        }
        // Written: May 3[rd][,] 1980
        if let m = month(i), sameLine(i + 1), let d = day(i + 1) {
            var k = i + 2
            if doc.isPunct(k, ",") { k += 1 }
            if sameLine(k), let y = year(k), t[k].charCount == 4 { return (k, (d, m, y)) }
        }
        return nil
    }
}
