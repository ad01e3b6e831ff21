import SignpostEvents
@testable import RedactorCore

/// An expected entity: its type and the exact text it covers.
struct Found: Hashable, CustomStringConvertible, Sendable {
    var type: PIIType
    var value: String
    init(_ type: PIIType, _ value: String) { self.type = type; self.value = value }
    var description: String { "\(type.rawValue)(\(value))" }
}

/// The entities of `text` as (type, covered text), in order, read back through scalar offsets.
func found(_ text: String) -> [Found] {
    let r = Redactor().redact(text)
    let scalars = Array(text.unicodeScalars)
    return r.entities.map { e in
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[e.start..<e.end])
        return Found(e.type, String(v))
    }
}
