import Foundation

/// A parsed JSON value, for validating events against their JSON Schemas.
/// Numbers are doubles: JSON Schema compares numbers by value (1 and 1.0 are equal, both integers).
enum SchemaJSON: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SchemaJSON])
    case object([String: SchemaJSON])

    /// Parses UTF-8 JSON text.
    static func parse(_ bytes: some Sequence<UInt8>) throws -> SchemaJSON {
        try JSONDecoder().decode(SchemaJSON.self, from: Data(bytes))
    }

    /// The JSON Schema type names this value has ("integer" values are "number"s too).
    var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let n): n.isFinite && n.rounded() == n ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    var objectValue: [String: SchemaJSON]? { if case .object(let o) = self { o } else { nil } }
    var arrayValue: [SchemaJSON]? { if case .array(let a) = self { a } else { nil } }
    var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    subscript(key: String) -> SchemaJSON? { objectValue?[key] }

    /// Compact JSON text, keys sorted, for messages.
    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : "\(n)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[" + a.map(\.description).joined(separator: ",") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\"\($0)\":\(o[$0]!)" }.joined(separator: ",") + "}"
        }
    }
}

extension SchemaJSON: Codable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([SchemaJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: SchemaJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): if n.rounded() == n && abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// One step of a JSON path: an object key or an array index.
enum SchemaPathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// Renders a path as `$.contact.attachments[0].kind`.
func schemaPathText(_ path: [SchemaPathStep]) -> String {
    path.reduce("$") { text, step in
        switch step {
        case .key(let k): k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? "\(text).\(k)" : "\(text)[\"\(k)\"]"
        case .index(let i): "\(text)[\(i)]"
        }
    }
}

/// A small JSON Schema (draft 2020-12) validator for exactly the keywords Signpost's schemas use:
/// `type` (a name or an array of names), `properties`, `required`, `additionalProperties` (boolean),
/// `items` (one schema), `enum`, `const`, `pattern`, `minimum`, `maximum`, `minLength`,
/// `format: date-time` (asserted) and `$ref` to `#/...` within the same document.
/// Annotations (`$schema`, `$id`, `title`, `description`, `$defs`) are ignored; any other keyword is
/// reported as a violation, so a schema cannot silently rely on something this validator skips.
struct SchemaValidator: Sendable {
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    static let assertions: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "pattern", "minimum", "maximum", "minLength", "format",
    ]

    let root: SchemaJSON
    /// Treat every object as `additionalProperties: false`: reports fields the schema does not declare.
    var rejectUndeclaredProperties = false

    init(schema: SchemaJSON, rejectUndeclaredProperties: Bool = false) {
        self.root = schema
        self.rejectUndeclaredProperties = rejectUndeclaredProperties
    }

    /// Every violation, each as `<JSON path>: <what is wrong>`; empty when the instance is valid.
    func validate(_ instance: SchemaJSON) -> [String] {
        var out: [String] = []
        check(instance, root, [], &out, depth: 0)
        return out
    }

    /// Resolves a `$ref` such as `#/$defs/Classification` (a JSON Pointer within this document).
    func resolve(_ ref: String) -> SchemaJSON? {
        guard ref == "#" || ref.hasPrefix("#/") else { return nil }
        var node = root
        for token in ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) where ref != "#" {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let o = node.objectValue, let next = o[key] { node = next }
            else if let a = node.arrayValue, let i = Int(key), a.indices.contains(i) { node = a[i] }
            else { return nil }
        }
        return node
    }

    private func check(_ value: SchemaJSON, _ schema: SchemaJSON, _ path: [SchemaPathStep], _ out: inout [String], depth: Int) {
        let at = schemaPathText(path)
        if case .bool(let allowed) = schema {
            if !allowed { out.append("\(at): no value is allowed here") }
            return
        }
        guard let s = schema.objectValue else { out.append("\(at): the schema here is not an object or boolean"); return }
        guard depth < 64 else { out.append("\(at): $ref nesting too deep"); return }
        for keyword in s.keys.sorted() where !Self.annotations.contains(keyword) && !Self.assertions.contains(keyword) {
            out.append("\(at): the schema uses unsupported keyword '\(keyword)'")
        }

        if let ref = s["$ref"] {
            if let text = ref.stringValue, let target = resolve(text) {
                check(value, target, path, &out, depth: depth + 1)
            } else {
                out.append("\(at): cannot resolve $ref \(ref)")
            }
        }

        if let type = s["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            if value.typeNames.isDisjoint(with: allowed) {
                out.append("\(at): \(value) is not of type \(allowed.joined(separator: " or "))")
                return // the remaining keywords would only repeat the mismatch
            }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(where: { Self.equal($0, value) }) {
            out.append("\(at): \(value) is not one of \(SchemaJSON.array(options))")
        }
        if let constant = s["const"], !Self.equal(constant, value) {
            out.append("\(at): \(value) is not \(constant)")
        }

        switch value {
        case .number(let n):
            if case .number(let min)? = s["minimum"], n < min { out.append("\(at): \(value) is less than the minimum \(SchemaJSON.number(min))") }
            if case .number(let max)? = s["maximum"], n > max { out.append("\(at): \(value) is greater than the maximum \(SchemaJSON.number(max))") }
        case .string(let text):
            if case .number(let min)? = s["minLength"], Double(text.unicodeScalars.count) < min {
                out.append("\(at): \(value) is shorter than \(SchemaJSON.number(min)) characters")
            }
            if let pattern = s["pattern"]?.stringValue {
                if let regex = try? Regex(pattern) {
                    if !text.contains(regex) { out.append("\(at): \(value) does not match /\(pattern)/") }
                } else {
                    out.append("\(at): the schema's pattern /\(pattern)/ is not a valid regular expression")
                }
            }
            if let format = s["format"]?.stringValue {
                if format != "date-time" { out.append("\(at): the schema uses unsupported format '\(format)'") }
                else if !Self.isDateTime(text) { out.append("\(at): \(value) is not an RFC 3339 date-time") }
            }
        case .array(let items):
            if let itemSchema = s["items"] {
                if itemSchema.arrayValue != nil { out.append("\(at): array-form 'items' is not supported") }
                else { for (i, item) in items.enumerated() { check(item, itemSchema, path + [.index(i)], &out, depth: depth) } }
            }
        case .object(let fields):
            for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where fields[name] == nil {
                out.append("\(at): required property '\(name)' is missing")
            }
            let properties = s["properties"]?.objectValue ?? [:]
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                if let fieldSchema = properties[name] {
                    check(field, fieldSchema, path + [.key(name)], &out, depth: depth)
                } else if rejectUndeclaredProperties && s["properties"] != nil {
                    out.append("\(at): property '\(name)' is not declared by the schema")
                } else if let extra = s["additionalProperties"] {
                    guard case .bool(let allowed) = extra else {
                        out.append("\(at): only a boolean additionalProperties is supported"); continue
                    }
                    if !allowed { out.append("\(at): additional property '\(name)' is not allowed") }
                }
            }
        case .null, .bool:
            break
        }
    }

    /// JSON Schema equality: numbers by value, objects regardless of key order (as `SchemaJSON` already is).
    private static func equal(_ a: SchemaJSON, _ b: SchemaJSON) -> Bool { a == b }

    /// RFC 3339 `date-time` (section 5.6): `full-date "T" full-time`, T and Z in either case,
    /// fractional seconds optional, offset `Z` or `±hh:mm`, with calendar and clock ranges checked.
    /// A leap second (:60) is allowed only at 23:59 UTC.
    static func isDateTime(_ text: String) -> Bool {
        let c = Array(text.utf8)
        func at(_ i: Int, _ options: String) -> Bool { i < c.count && options.utf8.contains(c[i]) }
        func number(_ i: Int, _ width: Int) -> Int? {
            guard i + width <= c.count else { return nil }
            var value = 0
            for b in c[i..<i + width] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), at(4, "-"), let month = number(5, 2), at(7, "-"), let day = number(8, 2),
              at(10, "Tt"), let hour = number(11, 2), at(13, ":"), let minute = number(14, 2), at(16, ":"),
              let second = number(17, 2)
        else { return false }
        var i = 19
        if at(i, ".") {
            i += 1
            let digits = i
            while number(i, 1) != nil { i += 1 }
            guard i > digits else { return false }
        }
        var offset = 0
        if at(i, "Zz") {
            i += 1
        } else if at(i, "+-"), let oh = number(i + 1, 2), at(i + 3, ":"), let om = number(i + 4, 2), oh <= 23, om <= 59 {
            offset = (at(i, "+") ? 1 : -1) * (oh * 60 + om)
            i += 6
        } else {
            return false
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard i == c.count, (1...12).contains(month), (1...days[month - 1]).contains(day),
              hour <= 23, minute <= 59, second <= 60
        else { return false }
        // A leap second (:60) can only be the last second of a UTC day.
        return second < 60 || ((hour * 60 + minute - offset) % 1440 + 1440) % 1440 == 23 * 60 + 59
    }
}
