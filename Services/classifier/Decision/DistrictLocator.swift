import SignpostEvents

/// The district a text points to.
public enum DistrictMatch: Sendable, Equatable {
    /// One district; `evidence` names the outward code or place that decided it (never a full postcode).
    case district(District, evidence: String)
    /// A postcode district that straddles a boundary (or the county boundary), with no place
    /// name in the text to settle it. `candidates` are the Worcestershire districts it touches.
    case ambiguous(outwardCode: String, candidates: [District])
}

/// Finds the Worcestershire district of a text from a postcode or a town or village name.
public struct DistrictLocator: Sendable {
    /// Uses the built-in outward-code and place-name tables.
    public init() {}

    /// The district of the first Worcestershire postcode (full, e.g. "WR9 8DL", or outward only,
    /// e.g. "WR9") in `text`; when that postcode straddles districts, a place name in the text
    /// among its candidates; with no postcode, the district named most by place names (first
    /// mentioned on a tie). `nil` when the text names neither.
    public func district(inText text: String) -> DistrictMatch? {
        district(in: Document(text: text, channel: .email))
    }

    func district(in document: Document) -> DistrictMatch? {
        let places = placeMentions(in: document)
        var firstAmbiguous: (code: String, candidates: [District])? = nil
        for code in outwardCodes(in: document) {
            guard let entry = DistrictTables.outwardCodes[code] else { continue }
            if entry.districts.count == 1, !entry.partlyOutside {
                return .district(entry.districts[0], evidence: "postcode district \(code.uppercased())")
            }
            if firstAmbiguous == nil { firstAmbiguous = (code, entry.districts) }
        }
        if let (code, candidates) = firstAmbiguous {
            if let place = places.first(where: { candidates.contains($0.district) }) {
                return .district(place.district, evidence: "postcode district \(code.uppercased()) and place \"\(place.words)\"")
            }
            return .ambiguous(outwardCode: code.uppercased(), candidates: candidates)
        }
        guard !places.isEmpty else { return nil }
        var best: (district: District, count: Int, first: Int, words: String)? = nil
        for (index, place) in places.enumerated() {
            let count = places.filter { $0.district == place.district }.count
            if best == nil || count > best!.count { best = (place.district, count, index, place.words) }
        }
        return best.map { .district($0.district, evidence: "place \"\($0.words)\"") }
    }

    /// Place names in text order, skipping street names ("Worcester Road").
    private func placeMentions(in document: Document) -> [(district: District, words: String)] {
        Lexicons.places.matches(in: document).compactMap { m in
            guard let district = m.cue.label else { return nil }
            let next = m.positions[m.positions.count - 1] + 1
            if next < document.tokens.count, DistrictTables.streetWords.contains(document.tokens[next].text) { return nil }
            return (district, m.words(in: document))
        }
    }

    /// Outward codes of the postcodes in the text, lower-case, in text order: "wr9 8dl", "wr98dl" and a lone "wr9".
    private func outwardCodes(in document: Document) -> [String] {
        var codes: [String] = []
        let tokens = document.tokens
        for i in tokens.indices {
            let t = tokens[i].text
            // ASCII letters and digits only, so bytes are `Character`s: checked on the bytes.
            let utf8 = t.utf8
            guard utf8.count >= 2, utf8.count <= 7, let first = utf8.first, DistrictLocator.isASCIILetter(first),
                  utf8.allSatisfy({ DistrictLocator.isASCIILetter($0) || $0 &- UInt8(ascii: "0") < 10 }) else { continue }
            if DistrictLocator.isOutwardCode(t) {
                codes.append(t)
            } else if utf8.count >= 5 {
                // "wr98dl": the inward code is always a digit and two letters.
                let n = utf8.count
                let inward = utf8.dropFirst(n - 3)
                if inward[inward.startIndex] &- UInt8(ascii: "0") < 10,
                   DistrictLocator.isASCIILetter(inward[utf8.index(after: inward.startIndex)]),
                   DistrictLocator.isASCIILetter(inward[utf8.index(inward.startIndex, offsetBy: 2)]) {
                    let outward = String(t.dropLast(3))
                    if DistrictLocator.isOutwardCode(outward) { codes.append(outward) }
                }
            }
        }
        return codes
    }

    /// One or two letters then one or two digits (Worcestershire codes have no trailing letter).
    static func isOutwardCode(_ t: String) -> Bool {
        let utf8 = t.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: one byte per `Character`, and only A-Z a-z are letters, 0-9 numbers.
            let letters = utf8.prefix(while: isASCIILetter).count
            let digits = utf8.count - letters
            return (1...2).contains(letters) && (1...2).contains(digits)
                && utf8.dropFirst(letters).allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        }
        let letters = t.prefix(while: \.isLetter)
        let digits = t.dropFirst(letters.count)
        return (1...2).contains(letters.count) && (1...2).contains(digits.count) && digits.allSatisfy(\.isNumber)
    }

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
}
