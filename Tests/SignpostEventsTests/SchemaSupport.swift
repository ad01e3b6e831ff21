import Foundation
import SignpostEvents
import Synchronization

/// Where the schemas are: `topics/schemas/` of the repository this file is in.
enum SchemaFiles {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // SignpostEventsTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()
    static let topicsDirectory = repositoryRoot.appendingPathComponent("topics")
    static let schemasDirectory = topicsDirectory.appendingPathComponent("schemas")

    static let idBase = "https://schemas.signpost.worcestershire.gov.uk/"

    /// The file name an event type's schema must have.
    static func fileName(of type: any SignpostEvent.Type) -> String {
        "\(type.typeName).v\(type.schemaVersion.major).json"
    }

    static func type(named name: String) -> any SignpostEvent.Type {
        EventTypes.named(name)!
    }

    /// The parsed schema of an event type, read from the file its `dataSchema` names.
    static func schema(of typeName: String) throws -> SchemaJSON {
        if let cached = cache.withLock({ $0[typeName] }) { return cached }
        let url = topicsDirectory.appendingPathComponent(type(named: typeName).dataSchema)
        let schema = try SchemaJSON.parse(Array(try Data(contentsOf: url)))
        cache.withLock { $0[typeName] = schema }
        return schema
    }

    private static let cache = Mutex<[String: SchemaJSON]>([:])

    static func validator(of typeName: String, strict: Bool = false) throws -> SchemaValidator {
        SchemaValidator(schema: try schema(of: typeName), rejectUndeclaredProperties: strict)
    }
}

/// One node of an instance with the schemas that apply to it (the schema and every `$ref` it follows).
struct SchemaSite {
    var path: [SchemaPathStep]
    var value: SchemaJSON
    var schemas: [[String: SchemaJSON]]

    func keyword(_ name: String) -> SchemaJSON? { schemas.lazy.compactMap { $0[name] }.first }
    var pathText: String { schemaPathText(path) }

    /// The properties an object here may have and must have.
    var declaredProperties: Set<String> { Set(schemas.flatMap { ($0["properties"]?.objectValue ?? [:]).keys }) }
    var requiredProperties: [String] { schemas.flatMap { $0["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] } }
}

extension SchemaValidator {
    /// Every node of `instance` that the schema describes, depth first, the root first.
    func sites(of instance: SchemaJSON) -> [SchemaSite] {
        var out: [SchemaSite] = []
        collect(instance, root, [], &out)
        return out
    }

    private func collect(_ value: SchemaJSON, _ schema: SchemaJSON, _ path: [SchemaPathStep], _ out: inout [SchemaSite]) {
        var chain: [[String: SchemaJSON]] = []
        var next: SchemaJSON? = schema
        while let s = next?.objectValue, chain.count < 16 {
            chain.append(s)
            next = s["$ref"]?.stringValue.flatMap(resolve)
        }
        out.append(SchemaSite(path: path, value: value, schemas: chain))
        switch value {
        case .object(let fields):
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                if let fieldSchema = chain.lazy.compactMap({ $0["properties"]?[name] }).first {
                    collect(field, fieldSchema, path + [.key(name)], &out)
                }
            }
        case .array(let items):
            if let itemSchema = chain.lazy.compactMap({ $0["items"] }).first {
                for (i, item) in items.enumerated() { collect(item, itemSchema, path + [.index(i)], &out) }
            }
        default:
            break
        }
    }
}

extension SchemaJSON {
    /// This value with the node at `path` replaced, or removed when `newValue` is nil.
    func replacing(_ path: some Collection<SchemaPathStep>, with newValue: SchemaJSON?) -> SchemaJSON {
        guard let step = path.first else { return newValue ?? .null }
        let rest = path.dropFirst()
        switch (self, step) {
        case (.object(var fields), .key(let key)):
            if rest.isEmpty && newValue == nil { fields[key] = nil }
            else if let child = fields[key] { fields[key] = child.replacing(rest, with: newValue) }
            return .object(fields)
        case (.array(var items), .index(let i)) where items.indices.contains(i):
            if rest.isEmpty && newValue == nil { items.remove(at: i) }
            else { items[i] = items[i].replacing(rest, with: newValue) }
            return .array(items)
        default:
            return self
        }
    }

    var bytes: [UInt8] { Array(try! JSONEncoder().encode(self)) }

    /// A value of a JSON type none of `typeNames` allows.
    static func wrongType(for typeNames: [String]) -> SchemaJSON {
        let candidates: [SchemaJSON] = [.string("42"), .number(42.5), .bool(true), .array([]), .object([:]), .null]
        return candidates.first { $0.typeNames.isDisjoint(with: typeNames) }!
    }
}
