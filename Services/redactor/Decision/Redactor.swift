import SignpostEvents

/// Finds personal data in enquiry text and replaces it with typed placeholders.
///
/// Rule-based and deterministic: independent detectors propose candidates with a
/// confidence each, and a resolver keeps non-overlapping ones (highest confidence,
/// then longest, wins).
public struct Redactor: Sendable {
    /// The rule set's version, recorded with every redaction.
    public static let version: String = "rules-1.0.0"

    private let detectors: [any Detector]

    /// A redactor with the built-in UK rule set.
    public init() {
        detectors = [
            EmailDetector(),
            PhoneDetector(),
            PostcodeDetector(),
            NINumberDetector(),
            NHSNumberDetector(),
            CardNumberDetector(),
            PassportDetector(),
            DateOfBirthDetector(),
            PersonDetector(),
            AddressDetector(),
        ]
    }

    /// Finds personal data and replaces each entity with a typed placeholder ([PERSON_1], [PHONE_1], …).
    ///
    /// The same value (normalised: case/whitespace-insensitive; phone digits-only) within one
    /// text gets the same placeholder. Entities are non-overlapping, sorted by start, with
    /// offsets in Unicode scalars into the *original* text, `end` exclusive.
    /// `values` maps each placeholder to the value as first written.
    public func redact(_ text: String) -> Redaction {
        let doc = Document(text)
        let first = Resolver.resolve(candidates(in: doc))
        let found = Resolver.resolve(first + Redactor.otherMentions(of: first, in: doc))

        var counters: [PIIType: Int] = [:]
        var byKey: [String: String] = [:]
        var values: [String: String] = [:]
        var entities: [PIIEntity] = []
        // The output is built from slices of the original text (copied as UTF-8, not scalar by scalar).
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let view = text.unicodeScalars
        var index = view.startIndex
        var position = 0
        var cursor = view.startIndex
        func advance(to offset: Int) -> String.Index {
            index = view.index(index, offsetBy: offset - position)
            position = offset
            return index
        }
        for c in found {
            let value = doc.string(c.start, c.end)
            let key = c.type.rawValue + "\u{0}" + Redactor.normalise(value, as: c.type)
            let placeholder: String
            if let existing = byKey[key] {
                placeholder = existing
            } else {
                let n = (counters[c.type] ?? 0) + 1
                counters[c.type] = n
                placeholder = "[\(c.type.rawValue)_\(n)]"
                byKey[key] = placeholder
                values[placeholder] = value
            }
            out += text[cursor..<advance(to: c.start)]
            out += placeholder
            cursor = advance(to: c.end)
            entities.append(PIIEntity(type: c.type, start: c.start, end: c.end, placeholder: placeholder))
        }
        out += text[cursor...]
        return Redaction(text: out, entities: entities, values: values)
    }

    /// Every candidate from every detector, before overlaps are resolved.
    func candidates(in doc: Document) -> [Candidate] {
        detectors.flatMap { $0.detect(in: doc) }
    }

    /// Other mentions of a found name written the same way (same tokens, same case), so an
    /// earlier or later mention without context is not left in clear. A one-word name is not
    /// taken at a sentence start ("Will you…").
    static func otherMentions(of chosen: [Candidate], in doc: Document) -> [Candidate] {
        let t = doc.tokens
        let names = Set(chosen.filter { $0.type == .person }.map { doc.string($0.start, $0.end) }).sorted()
        var extra: [Candidate] = []
        for name in names {
            let words = Document(name).tokens.map(\.text)
            guard let head = words.first, !(words.count == 1 && head.unicodeScalars.count < 2) else { continue }
            let headS = head + "'s"
            // Cheap test first for ASCII: a token equal to `head` (or `head's`) has the same number of scalars.
            let headASCII = head.utf8.allSatisfy { $0 < 0x80 }
            let headLength = head.utf8.count
            for i in t.indices {
                if headASCII && t[i].ascii {
                    let n = t[i].end - t[i].start
                    guard n == headLength || (words.count == 1 && n == headLength + 2) else { continue }
                }
                guard t[i].text == head || (words.count == 1 && t[i].text == headS) else { continue }
                let last = i + words.count - 1
                guard last < t.count, (0..<words.count).allSatisfy({ k in
                    (t[i + k].text == words[k] || (k == words.count - 1 && t[i + k].text == words[k] + "'s"))
                        && (k == 0 || !t[i + k].newlineBefore)
                }) else { continue }
                if words.count == 1 && doc.startsSentence(i) { continue }
                let end = t[last].text == words[words.count - 1] ? t[last].end : t[last].end - 2
                extra.append(Candidate(type: .person, start: t[i].start, end: end, confidence: 0.7, rule: "same-name"))
            }
        }
        return extra
    }

    /// The key under which two mentions count as the same value.
    static func normalise(_ value: String, as type: PIIType) -> String {
        switch type {
        case .phone:
            var digits = String(value.unicodeScalars.filter(\.isASCIIDigit).map(Character.init))
            if value.contains("+"), digits.hasPrefix("44") { digits = "0" + digits.dropFirst(2) }
            else if digits.hasPrefix("0044") { digits = "0" + digits.dropFirst(4) }
            if digits.hasPrefix("00") { digits.removeFirst() } // +44 (0)… written with the trunk 0
            return digits
        case .nhsNumber, .cardNumber, .niNumber, .passport, .postcode:
            return String(value.unicodeScalars.filter { $0.isASCIIDigit || $0.isLetterLike }.map(Character.init)).lowercased()
        default:
            let folded = Document.fold(value)
            if folded.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII: the same words split at ASCII white space, read as bytes.
                var out: [UInt8] = []
                out.reserveCapacity(folded.utf8.count)
                var pendingSpace = false
                for u in folded.utf8 {
                    if u == 0x20 || (u >= 0x09 && u <= 0x0D) {
                        pendingSpace = !out.isEmpty
                    } else {
                        if pendingSpace { out.append(0x20); pendingSpace = false }
                        out.append(u)
                    }
                }
                return String(decoding: out, as: UTF8.self)
            }
            return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
    }
}
