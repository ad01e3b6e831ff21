import Foundation

// MARK: - The event decoder

/// Reads events exactly as `EventCodec.makeDecoder()` (Foundation's `JSONDecoder` with
/// snake_case keys and `EventCodec.parseDate` dates) reads them, for the well-formed records that
/// are nearly all of a service's input, at a fraction of the cost.
///
/// It gives up (returns nil) rather than guess. It gives up on anything it is not certain to read
/// as Foundation would: JSON that is not well formed, a number in any but the plain form for its
/// type, keys that are the same after conversion, nesting deeper than `maximumDepth`, and the types
/// Foundation treats specially (dictionaries, `URL`, `Data`, `Decimal`, `Float`). It also gives up
/// whenever any step of the decode threw, even an error the event's own code caught, because
/// Foundation's errors could differ in detail. The caller then decodes with Foundation, so every
/// result and every error message is Foundation's; this one only ever returns the same value
/// sooner.
enum EventJSONDecoder {
    /// Deeper than this, the decode is left to Foundation.
    static let maximumDepth = 64

    /// `value` decoded from `bytes`, or nil when Foundation must decide.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        bytes.withUnsafeBufferPointer { buffer -> T? in
            var parser = JSONParser(bytes: buffer)
            guard let root = parser.document() else { return nil }
            let state = DecodingState()
            guard let value = try? T(from: FastDecoder(value: root, state: state, parent: nil, key: nil)), !state.gaveUp else {
                return nil
            }
            return value
        }
    }
}

/// A parsed JSON value. Object keys are already converted to camelCase as Foundation converts
/// them (`CamelCaseKeys`); numbers keep their literal text, checked against the JSON grammar.
enum JSONValue {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    /// At most `JSONParser.maximumMembers`, in their order, keys distinct: a short list is
    /// searched faster than a dictionary is hashed.
    case object([JSONMember])
}

struct JSONMember {
    let key: String
    let value: JSONValue
}

extension [JSONMember] {
    subscript(key: String) -> JSONValue? {
        for member in self where member.key == key { return member.value }
        return nil
    }
}

/// A strict JSON reader (RFC 8259) over UTF-8 bytes: nil for anything else.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    /// Objects with more members (no event has half as many) are left to Foundation.
    static let maximumMembers = 48

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The one value the bytes hold, with nothing but whitespace around it.
    mutating func document() -> JSONValue? {
        skipWhitespace()
        guard let value = value() else { return nil }
        skipWhitespace()
        return index == bytes.count ? value : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value() -> JSONValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return nil
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return nil }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return nil }
        index += count
        return value
    }

    /// At an opening bracket: enters it. Nil when nested too deep; true when it closes at once.
    private mutating func open(closing: UInt8) -> Bool? {
        guard depth < EventJSONDecoder.maximumDepth else { return nil }
        depth += 1
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == closing else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// After a member or an item: true at a comma (another follows), false at the closing
    /// bracket (left), nil at anything else.
    private mutating func next(closing: UInt8) -> Bool? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
            return true
        }
        guard bytes[index] == closing else { return nil }
        index += 1
        depth -= 1
        return false
    }

    private mutating func object() -> JSONValue? {
        var members: [JSONMember] = []
        guard let empty = open(closing: UInt8(ascii: "}")) else { return nil }
        if empty { return .object(members) }
        repeat {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let raw = string() else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace()
            guard let member = value() else { return nil }
            // A key without an underscore is its own camelCase form; others are converted as
            // Foundation converts them. Two keys with the same name: which one Foundation keeps
            // is for Foundation to say.
            let name = raw.utf8.contains(UInt8(ascii: "_")) ? CamelCaseKeys.name(for: raw) : raw
            guard members.count < Self.maximumMembers, members[name] == nil else { return nil }
            members.append(JSONMember(key: name, value: member))
            guard let more = next(closing: UInt8(ascii: "}")) else { return nil }
            if !more { return .object(members) }
        } while true
    }

    private mutating func array() -> JSONValue? {
        var items: [JSONValue] = []
        guard let empty = open(closing: UInt8(ascii: "]")) else { return nil }
        if empty { return .array(items) }
        repeat {
            guard let item = value() else { return nil }
            items.append(item)
            guard let more = next(closing: UInt8(ascii: "]")) else { return nil }
            if !more { return .array(items) }
        } while true
    }

    /// A string literal starting at the opening quote.
    private mutating func string() -> String? {
        index += 1
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<index])
                // ASCII needs no validation.
                let text = ascii ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
                index += 1
                return text
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(index - start + 16)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let unit = hex4() else { return nil }
                    var scalarValue = UInt32(unit)
                    if (0xD800...0xDBFF).contains(unit) {
                        // A high surrogate must be followed by an escaped low one.
                        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                        index += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(unit) {
                        return nil
                    }
                    guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
                    out.append(contentsOf: UTF8.encode(scalar)!)
                default:
                    return nil
                }
            default:
                if byte < 0x20 { return nil }
                out.append(byte)
                index += 1
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt16? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() -> JSONValue? {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}

/// An array index in a coding path; its text is made only when asked for.
struct IndexKey: CodingKey {
    let index: Int
    init(index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
}

/// Set when the decode must be left to Foundation; shared by every container of one decode.
final class DecodingState {
    var gaveUp = false
}

/// Thrown where Foundation's answer is needed (the state remembers it even if the error is caught).
struct LeftToFoundation: Error {}

/// A marker for every `Dictionary`, which Foundation decodes in its own way.
private protocol DictionaryMarker {}
extension Dictionary: DictionaryMarker {}

/// The key path to a value, as a chain from the value to the root, walked only when someone asks
/// for `codingPath` (by the event encoder and decoder alike).
final class CodingPathNode {
    let parent: CodingPathNode?
    let key: any CodingKey
    init(parent: CodingPathNode?, key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    /// The keys from the root to this one.
    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: CodingPathNode? = self
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}

struct FastDecoder: Decoder {
    let value: JSONValue
    let state: DecodingState
    /// The path to the container this value is in, and this value's key in it.
    let parent: CodingPathNode?
    let key: (any CodingKey)?

    var codingPath: [any CodingKey] {
        (parent?.keys ?? []) + (key.map { [$0] } ?? [])
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The path node for this value's own children.
    var node: CodingPathNode? {
        guard let key else { return parent }
        return CodingPathNode(parent: parent, key: key)
    }

    func giveUp() -> LeftToFoundation {
        state.gaveUp = true
        return LeftToFoundation()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw giveUp() }
        return KeyedDecodingContainer(FastKeyedContainer<Key>(members: members, state: state, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw giveUp() }
        return FastUnkeyedContainer(items: items, state: state, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// `value` as a `T`: the plain types read here, anything else through its own `init(from:)`.
    static func unwrap<T: Decodable>(_ value: JSONValue, as type: T.Type, state: DecodingState, parent: CodingPathNode?, key: (any CodingKey)?) throws -> T {
        switch value {
        case .string(let text):
            if T.self == String.self { return text as! T }
            if T.self == Date.self {
                guard let date = EventCodec.parseDate(text) else { break }
                return date as! T
            }
        case .number(let literal):
            if T.self == Int.self { if let number = integer(literal, as: Int.self) { return number as! T } else { break } }
            if T.self == Double.self { if let number = double(literal) { return number as! T } else { break } }
            if T.self == Int64.self { if let number = integer(literal, as: Int64.self) { return number as! T } else { break } }
            if T.self == Int32.self { if let number = integer(literal, as: Int32.self) { return number as! T } else { break } }
        case .bool(let flag):
            if T.self == Bool.self { return flag as! T }
        case .null:
            break
        case .array, .object:
            break
        }
        // The plain types in another form, and the types Foundation reads in its own way.
        if T.self == String.self || T.self == Date.self || T.self == Double.self || T.self == Bool.self || T.self is any FixedWidthInteger.Type
            || T.self == Float.self || T.self == URL.self || T.self == Data.self || T.self == Decimal.self || T.self is any DictionaryMarker.Type {
            state.gaveUp = true
            throw LeftToFoundation()
        }
        return try T(from: FastDecoder(value: value, state: state, parent: parent, key: key))
    }

    /// A plain integer literal (no fraction, no exponent, no `-0`) that fits the type.
    static func integer<I: FixedWidthInteger>(_ literal: String, as type: I.Type) -> I? {
        guard literal != "-0" else { return nil }
        for byte in literal.utf8 where byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        return I(literal, radix: 10)
    }

    /// A finite double; the literal is already checked against the JSON grammar.
    static func double(_ literal: String) -> Double? {
        guard let number = Double(literal), number.isFinite else { return nil }
        // An exponent that underflows: whether Foundation accepts it is for Foundation to say.
        if number == 0 || number.isSubnormal, literal.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return nil }
        return number
    }
}

extension FastDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw giveUp() }
        return text
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw giveUp() }
        return flag
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try Self.unwrap(value, as: type, state: state, parent: parent, key: key)
    }
}

struct FastKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONMember]
    let state: DecodingState
    let node: CodingPathNode?

    var codingPath: [any CodingKey] { node?.keys ?? [] }

    /// Foundation lists the keys in its own order; left to it.
    var allKeys: [Key] {
        state.gaveUp = true
        return []
    }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func giveUp() -> LeftToFoundation {
        state.gaveUp = true
        return LeftToFoundation()
    }

    private func present(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else { throw giveUp() }
        if case .null = value { throw giveUp() }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = members[key.stringValue] else { throw giveUp() }
        if case .null = value { return true }
        return false
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        guard case .string(let text) = try present(key) else { throw giveUp() }
        return text
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        guard case .bool(let flag) = try present(key) else { throw giveUp() }
        return flag
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try FastDecoder.unwrap(try present(key), as: type, state: state, parent: node, key: key)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = members[key.stringValue] else { return nil }
        switch value {
        case .null: return nil
        case .string(let text): return text
        default: throw giveUp()
        }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = members[key.stringValue] else { return nil }
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        default: throw giveUp()
        }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue] else { return nil }
        if case .null = value { return nil }
        return try FastDecoder.unwrap(value, as: type, state: state, parent: node, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        guard case .object(let nested) = try present(key) else { throw giveUp() }
        return KeyedDecodingContainer(FastKeyedContainer<NestedKey>(members: nested, state: state, node: CodingPathNode(parent: node, key: key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = try present(key) else { throw giveUp() }
        return FastUnkeyedContainer(items: items, state: state, node: CodingPathNode(parent: node, key: key))
    }

    func superDecoder() throws -> any Decoder { throw giveUp() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw giveUp() }
}

struct FastUnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let state: DecodingState
    let node: CodingPathNode?
    private(set) var currentIndex = 0

    init(items: [JSONValue], state: DecodingState, node: CodingPathNode?) {
        self.items = items
        self.state = state
        self.node = node
    }

    var codingPath: [any CodingKey] { node?.keys ?? [] }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private func giveUp() -> LeftToFoundation {
        state.gaveUp = true
        return LeftToFoundation()
    }

    private func next() throws -> JSONValue {
        guard currentIndex < items.count else { throw giveUp() }
        let value = items[currentIndex]
        if case .null = value { throw giveUp() }
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count else { throw giveUp() }
        if case .null = items[currentIndex] {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = try next() else { throw giveUp() }
        currentIndex += 1
        return text
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try FastDecoder.unwrap(try next(), as: type, state: state, parent: node, key: IndexKey(index: currentIndex))
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        guard case .object(let nested) = try next() else { throw giveUp() }
        let container = FastKeyedContainer<NestedKey>(members: nested, state: state, node: CodingPathNode(parent: node, key: IndexKey(index: currentIndex)))
        currentIndex += 1
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let nested) = try next() else { throw giveUp() }
        let container = FastUnkeyedContainer(items: nested, state: state, node: CodingPathNode(parent: node, key: IndexKey(index: currentIndex)))
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder { throw giveUp() }
}
