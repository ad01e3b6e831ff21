import Foundation
import SignpostEvents
import SignpostTopics
import Testing

// The JSON Schemas in topics/schemas/ against the Swift event types: every type has a schema,
// every encoded event validates, every broken one is refused, and the enums agree with the code.

private let typeNames = EventTypes.all.map { $0.typeName }
private let fullSamples = SchemaSamples.all.filter { $0.coverage == .full }
private let minimalSamples = SchemaSamples.all.filter { $0.coverage == .minimal }

// MARK: - Files

@Suite("Schema files") struct SchemaFileTests {
    @Test func everyEventTypeHasASchemaFileAndEveryFileAType() throws {
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: SchemaFiles.schemasDirectory.path)
            .filter { $0.hasSuffix(".json") })
        var expected: Set<String> = []
        for type in EventTypes.all {
            let name = SchemaFiles.fileName(of: type)
            expected.insert(name)
            #expect(type.dataSchema == "schemas/\(name)", "\(type.typeName).dataSchema")
            #expect(present.contains(name), "topics/schemas/\(name) is missing for \(type.typeName)")
        }
        #expect(present.subtracting(expected).isEmpty, "schema files without an event type: \(present.subtracting(expected).sorted())")
        #expect(Set(typeNames).count == typeNames.count, "EventTypes.all names a type twice")
    }

    @Test func everyEventTypeTheCatalogueNamesHasASchema() throws {
        let catalogue = try TopicCatalogue.load(from: SchemaFiles.topicsDirectory)
        for topic in catalogue.topics {
            for name in topic.eventTypes {
                let type = try #require(EventTypes.named(name), "topic \(topic.name) names unknown event type \(name)")
                #expect(FileManager.default.fileExists(atPath: SchemaFiles.topicsDirectory.appendingPathComponent(type.dataSchema).path),
                        "topic \(topic.name): no schema \(type.dataSchema)")
            }
        }
    }

    @Test(arguments: typeNames)
    func schemaDocumentIsWellFormed(typeName: String) throws {
        let schema = try SchemaFiles.schema(of: typeName)
        let root = try #require(schema.objectValue)
        #expect(root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(root["$id"] == .string(SchemaFiles.idBase + SchemaFiles.fileName(of: SchemaFiles.type(named: typeName))))
        #expect(root["title"]?.stringValue?.hasPrefix(typeName) == true)
        #expect((root["description"]?.stringValue?.count ?? 0) > 80, "the description should say what the event means, who produces and consumes it")
        #expect(root["type"] == .string("object"))
        #expect(root["additionalProperties"] == .bool(true), "consumers must tolerate new minor-version fields")
        #expect(root["properties"]?["schema_version"]?["pattern"] == .string(#"^1\.[0-9]+$"#))
        #expect(root["required"]?.arrayValue?.contains(.string("schema_version")) == true)

        // Walk every subschema: keywords the validator knows, descriptions on properties,
        // required ⊆ properties, nested objects tolerant too, every $ref resolvable.
        let validator = SchemaValidator(schema: schema)
        var problems: [String] = []
        func walk(_ node: SchemaJSON, _ at: String, isProperty: Bool) {
            guard let s = node.objectValue else { problems.append("\(at) is not an object"); return }
            for key in s.keys where !SchemaValidator.annotations.contains(key) && !SchemaValidator.assertions.contains(key) {
                problems.append("\(at) uses unsupported keyword \(key)")
            }
            if isProperty && (s["description"]?.stringValue ?? "").isEmpty { problems.append("\(at) has no description") }
            if let ref = s["$ref"]?.stringValue, validator.resolve(ref) == nil { problems.append("\(at): unresolvable $ref \(ref)") }
            if s["type"] == .string("object") {
                let declared = Set(s["properties"]?.objectValue?.keys.map { $0 } ?? [])
                let required = s["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if !Set(required).isSubset(of: declared) { problems.append("\(at) requires undeclared \(Set(required).subtracting(declared).sorted())") }
                if s["additionalProperties"] != .bool(true) { problems.append("\(at) should allow additional properties") }
                if (s["description"]?.stringValue ?? "").isEmpty { problems.append("\(at) has no description") }
            }
            for (name, sub) in s["properties"]?.objectValue ?? [:] { walk(sub, "\(at).properties.\(name)", isProperty: true) }
            for (name, sub) in s["$defs"]?.objectValue ?? [:] { walk(sub, "\(at).$defs.\(name)", isProperty: false) }
            if let items = s["items"] { walk(items, "\(at).items", isProperty: false) }
        }
        walk(schema, "#", isProperty: false)
        #expect(problems.isEmpty, "\(typeName): \(problems.joined(separator: "; "))")
    }

    /// Every enum in every schema spells out exactly the Swift raw values, in declaration order.
    @Test(arguments: typeNames)
    func enumsMatchTheSwiftTypes(typeName: String) throws {
        func raw<T: CaseIterable & RawRepresentable>(_: T.Type) -> SchemaJSON where T.RawValue == String {
            .array(T.allCases.map { .string($0.rawValue) })
        }
        let swiftEnums: [String: SchemaJSON] = [
            "Channel": raw(Channel.self), "EnquiryKind": raw(EnquiryKind.self), "LawfulBasis": raw(LawfulBasis.self),
            "SpecialCategoryCondition": raw(SpecialCategoryCondition.self), "ResponsibleService": raw(ResponsibleService.self),
            "District": raw(District.self), "SpecialCategory": raw(SpecialCategory.self), "PIIType": raw(PIIType.self),
            "AttachmentKind": raw(AttachmentKind.self), "ReferralPriority": raw(ReferralPriority.self),
            "DeadLetterReason": raw(DeadLetterReason.self),
        ]
        let schema = try SchemaFiles.schema(of: typeName)
        for (name, def) in schema["$defs"]?.objectValue ?? [:] where def["enum"] != nil {
            let expected = try #require(swiftEnums[name], "\(typeName): $defs.\(name) is an enum with no Swift counterpart")
            #expect(def["enum"] == expected, "\(typeName): $defs.\(name)")
        }
        if case .array(let districts)? = swiftEnums["District"], let district = schema["$defs"]?["Classification"]?["properties"]?["district"] {
            #expect(district["enum"] == .array(districts + [.null]), "\(typeName): Classification.district")
            #expect(district["type"] == .array([.string("string"), .string("null")]))
        }
        if typeName == EnquiryStatusChanged.typeName {
            #expect(schema["properties"]?["status"]?["enum"] == raw(EnquiryStatusChanged.Status.self))
        }
        if typeName == PerformanceEvent.typeName {
            #expect(schema["properties"]?["stage"]?["enum"] == raw(PerformanceEvent.Stage.self))
        }
    }
}

// MARK: - Samples

@Suite("Schema samples") struct SchemaSampleTests {
    @Test func everyEventTypeHasAFullAndAMinimalSample() {
        for name in typeNames {
            #expect(fullSamples.contains { $0.typeName == name }, "no sample of \(name) with every optional field")
            #expect(minimalSamples.contains { $0.typeName == name }, "no sample of \(name) with every optional field nil")
        }
    }

    @Test(arguments: SchemaSamples.all)
    func sampleValidates(_ sample: SchemaSample) throws {
        let violations = try SchemaFiles.validator(of: sample.typeName).validate(sample.json)
        #expect(violations.isEmpty, "\(sample): \(violations.joined(separator: "; "))")
        // Every field the encoder writes is declared (additionalProperties: true would let a misspelling through).
        let undeclared = try SchemaFiles.validator(of: sample.typeName, strict: true).validate(sample.json)
        #expect(undeclared.isEmpty, "\(sample): \(undeclared.joined(separator: "; "))")
    }

    @Test(arguments: SchemaSamples.all)
    func sampleRoundTrips(_ sample: SchemaSample) {
        #expect(sample.roundTrips(), "\(sample): EventCodec.decode(EventCodec.encode(x)) != x")
    }

    /// Every date of the schema is written with milliseconds; a date read from the wire should be written
    /// back unchanged, or a timestamp carried from event to event (received_at) drifts a millisecond per hop.
    @Test func dateMillisecondsSurviveARoundTrip() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let drifted = (0..<1000).map { String(format: "2026-11-29T10:02:17.%03dZ", $0) }
            .filter { EventCodec.format(try! style.parse($0)) != $0 }
        #expect(drifted.count == 0, "\(drifted.count) of 1000 millisecond values change, such as \(drifted.prefix(3))")
        let event = EnquiryStatusChanged(reference: SchemaSamples.reference, status: .logged, by: "intake", at: schemaDate("2026-11-29T10:02:17.004Z"))
        #expect((try? EventCodec.decode(EnquiryStatusChanged.self, from: EventCodec.encode(event))) == event)
    }

    /// The full sample writes every property the schema declares, at every level: no schema property is misspelt.
    @Test(arguments: fullSamples)
    func fullSampleHasEveryDeclaredProperty(_ sample: SchemaSample) throws {
        for site in try SchemaFiles.validator(of: sample.typeName).sites(of: sample.json) {
            if case .object(let fields) = site.value {
                let missing = site.declaredProperties.subtracting(fields.keys)
                #expect(missing.isEmpty, "\(sample) \(site.pathText): never exercised: \(missing.sorted())")
            }
            if case .array(let items) = site.value { #expect(!items.isEmpty, "\(sample) \(site.pathText): make it non-empty") }
        }
    }

    /// With every optional nil the encoder writes exactly the required properties: `required` lists
    /// exactly the non-optional fields (optionals are omitted, never null).
    @Test(arguments: minimalSamples)
    func minimalSampleHasExactlyTheRequiredProperties(_ sample: SchemaSample) throws {
        for site in try SchemaFiles.validator(of: sample.typeName).sites(of: sample.json) {
            if case .object(let fields) = site.value {
                #expect(Set(fields.keys) == Set(site.requiredProperties), "\(sample) \(site.pathText)")
            }
        }
    }
}

// MARK: - Mutations

@Suite("Schema mutations") struct SchemaMutationTests {
    /// Validates `mutated` and expects a violation at `path`.
    private func expectRejected(_ sample: SchemaSample, _ mutated: SchemaJSON, at path: String, _ what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let violations = try SchemaFiles.validator(of: sample.typeName).validate(mutated)
        #expect(violations.contains { $0.hasPrefix(path + ":") || $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") },
                "\(sample): \(what) was not rejected at \(path); violations: \(violations)", sourceLocation: sourceLocation)
    }

    @Test(arguments: SchemaSamples.all)
    func removingAnyRequiredPropertyIsRejected(_ sample: SchemaSample) throws {
        let json = sample.json
        var count = 0
        for site in try SchemaFiles.validator(of: sample.typeName).sites(of: json) where site.value.objectValue != nil {
            for name in site.requiredProperties {
                let mutated = json.replacing(site.path + [.key(name)], with: nil)
                let violations = try SchemaFiles.validator(of: sample.typeName).validate(mutated)
                #expect(violations.contains("\(site.pathText): required property '\(name)' is missing"),
                        "\(sample): removing \(site.pathText).\(name) was not rejected: \(violations)")
                count += 1
            }
        }
        #expect(count >= 4)
    }

    @Test(arguments: SchemaSamples.all)
    func anUnknownEnumValueIsRejected(_ sample: SchemaSample) throws {
        let json = sample.json
        for site in try SchemaFiles.validator(of: sample.typeName).sites(of: json) where site.keyword("enum") != nil {
            try expectRejected(sample, json.replacing(site.path, with: .string("not_a_known_value")), at: site.pathText, "an unknown enum value")
        }
    }

    @Test(arguments: SchemaSamples.all)
    func aWrongJSONTypeIsRejected(_ sample: SchemaSample) throws {
        let json = sample.json
        var count = 0
        for site in try SchemaFiles.validator(of: sample.typeName).sites(of: json) where !site.path.isEmpty {
            guard let type = site.keyword("type") else { continue }
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue!]
            let wrong = SchemaJSON.wrongType(for: allowed)
            try expectRejected(sample, json.replacing(site.path, with: wrong), at: site.pathText, "\(wrong) for \(allowed)")
            count += 1
        }
        #expect(count >= 4)
    }

    @Test(arguments: SchemaSamples.all)
    func aBadDateTimeIsRejected(_ sample: SchemaSample) throws {
        let json = sample.json
        let bad = [
            "29/11/2026 09:30", "2026-11-29", "2026-11-29T09:30:00", "2026-11-29 09:30:00Z", "2026-11-29T09:30Z",
            "2026-02-29T09:30:00Z", "2026-11-31T09:30:00Z", "2026-13-01T09:30:00Z", "2026-11-29T24:00:00Z",
            "2026-11-29T09:30:00.Z", "2026-11-29T09:30:00+0100", "2026-11-29T09:30:60Z", "", "1796383800",
        ]
        let dates = try SchemaFiles.validator(of: sample.typeName).sites(of: json).filter { $0.keyword("format") == .string("date-time") }
        #expect(!dates.isEmpty)
        for site in dates {
            for text in bad {
                try expectRejected(sample, json.replacing(site.path, with: .string(text)), at: site.pathText, "date-time \(text)")
            }
        }
    }

    /// Signpost's own reader refuses what the schema refuses, except the fields it documents as defaulted.
    @Test(arguments: SchemaSamples.all)
    func theDecoderAlsoRefusesAMissingRequiredField(_ sample: SchemaSample) throws {
        let json = sample.json
        let type = SchemaFiles.type(named: sample.typeName)
        // ContactReceived reads missing attachments as [] and missing preferences (or either flag) as defaults;
        // Classification always writes district (null when unknown) but reads a missing one as nil.
        let defaulted: Set<String> = ["attachments", "preferences", "survey_opt_out", "refuses_sharing", "district"]
        for site in try SchemaFiles.validator(of: sample.typeName).sites(of: json) where site.value.objectValue != nil {
            for name in site.requiredProperties {
                let isContact = site.schemas.contains { $0["properties"]?["contact_id"] != nil && $0["properties"]?["text"] != nil }
                let isPreferences = site.schemas.contains { $0["properties"]?["survey_opt_out"] != nil }
                let isClassification = site.schemas.contains { $0["properties"]?["special_category"] != nil }
                if defaulted.contains(name) && (isContact || isPreferences || isClassification) { continue }
                // Readers still take the older forms: with the contact in clear (EnquiryLogged 1.0, EnquiryClassified 1.0-1.1)
                // they need no sealed_contact and take channel and received_at from it; with the value in clear
                // (ReferralCorrected 1.0) they need no sealed_value.
                let olderForms: [String: Set<String>] = ["contact": ["sealed_contact", "channel", "received_at"], "value": ["sealed_value"]]
                if let fields = site.value.objectValue, olderForms.contains(where: { fields[$0.key] != nil && $0.value.contains(name) }) { continue }
                let bytes = json.replacing(site.path + [.key(name)], with: nil).bytes
                #expect(throws: EventRejection.self, "\(sample): decoding without \(site.pathText).\(name)") {
                    _ = try type.schemaTestDecode(bytes)
                }
            }
        }
    }

    // Hand-picked cases, with the exact message a consumer would see.
    @Test func specificViolationsNameThePathAndTheProblem() throws {
        let classified = try #require(fullSamples.first { $0.typeName == "EnquiryClassified" })
        let validator = try SchemaFiles.validator(of: "EnquiryClassified")
        let json = classified.json
        func violations(_ path: [SchemaPathStep], _ value: SchemaJSON?) -> [String] { validator.validate(json.replacing(path, with: value)) }

        #expect(violations([.key("classification"), .key("lawful_basis")], nil) == ["$.classification: required property 'lawful_basis' is missing"])
        #expect(violations([.key("contact"), .key("channel")], .string("fax")) == [#"$.contact.channel: "fax" is not one of ["phone","email","webform","bot"]"#])
        #expect(violations([.key("classification"), .key("confidence")], .number(1.2)) == ["$.classification.confidence: 1.2 is greater than the maximum 1"])
        #expect(violations([.key("classification"), .key("special_category")], .string("health")) == [#"$.classification.special_category: "health" is not of type array"#])
        #expect(violations([.key("contact"), .key("attachments"), .index(1), .key("captured_at")], .string("29/11/2026")) == [#"$.contact.attachments[1].captured_at: "29/11/2026" is not an RFC 3339 date-time"#])
        #expect(violations([.key("schema_version")], .string("2.0")) == [#"$.schema_version: "2.0" does not match /^1\.[0-9]+$/"#])
        #expect(violations([.key("classification"), .key("district")], .string("worcester")).count == 1)
        // Allowed: a null district, a later minor version, a field from a later minor version, another offset.
        #expect(violations([.key("classification"), .key("district")], .null).isEmpty)
        #expect(violations([.key("schema_version")], .string("1.12")).isEmpty)
        #expect(violations([.key("routing_hint")], .string("added in 1.1")).isEmpty)
        #expect(violations([.key("classified_at")], .string("2026-11-29T10:30:01+01:00")).isEmpty)

        let responded = try #require(fullSamples.first { $0.typeName == "SurveyResponded" }).json
        let survey = try SchemaFiles.validator(of: "SurveyResponded")
        #expect(survey.validate(responded.replacing([.key("score")], with: .number(6))) == ["$.score: 6 is greater than the maximum 5"])
        #expect(survey.validate(responded.replacing([.key("score")], with: .number(4.5))) == ["$.score: 4.5 is not of type integer"])
        #expect(survey.validate(responded.replacing([.key("score")], with: .string("5"))) == [#"$.score: "5" is not of type integer"#])
        #expect(survey.validate(responded.replacing([.key("comment")], with: .null)) == ["$.comment: null is not of type string"])
    }

    /// An unknown major version fails the schema and is dead-lettered by the reader.
    @Test(arguments: SchemaSamples.all)
    func anUnknownMajorVersionIsRefusedByBoth(_ sample: SchemaSample) throws {
        let mutated = sample.json.replacing([.key("schema_version")], with: .string("2.0"))
        #expect(try !SchemaFiles.validator(of: sample.typeName).validate(mutated).isEmpty)
        let type = SchemaFiles.type(named: sample.typeName)
        let error = #expect(throws: EventRejection.self) { _ = try type.schemaTestDecode(mutated.bytes) }
        #expect(error?.reason == .unsupportedSchemaVersion)
    }
}

extension SignpostEvent {
    /// Decodes an event of this type with `EventCodec`, for types known only at run time.
    fileprivate static func schemaTestDecode(_ bytes: [UInt8]) throws -> any SignpostEvent {
        try EventCodec.decode(Self.self, from: bytes)
    }
}

// MARK: - The validator itself

@Suite("Schema validator") struct SchemaValidatorTests {
    private func check(_ schema: String, _ instance: String, strict: Bool = false) throws -> [String] {
        SchemaValidator(schema: try SchemaJSON.parse(Array(schema.utf8)), rejectUndeclaredProperties: strict)
            .validate(try SchemaJSON.parse(Array(instance.utf8)))
    }

    @Test func types() throws {
        #expect(try check(#"{"type":"integer"}"#, "3").isEmpty)
        #expect(try check(#"{"type":"integer"}"#, "3.0").isEmpty)
        #expect(try check(#"{"type":"integer"}"#, "3.5") == ["$: 3.5 is not of type integer"])
        #expect(try check(#"{"type":"number"}"#, "true") == ["$: true is not of type number"])
        #expect(try check(#"{"type":"boolean"}"#, "1") == ["$: 1 is not of type boolean"])
        #expect(try check(#"{"type":"boolean"}"#, "false").isEmpty)
        #expect(try check(#"{"type":["string","null"]}"#, "null").isEmpty)
        #expect(try check(#"{"type":["string","null"]}"#, #""x""#).isEmpty)
        #expect(try check(#"{"type":["string","null"]}"#, "0") == ["$: 0 is not of type string or null"])
        #expect(try check(#"{"type":"object"}"#, "[]") == ["$: [] is not of type object"])
        #expect(try check(#"{"type":"array"}"#, "{}") == ["$: {} is not of type array"])
    }

    @Test func objectsAndArrays() throws {
        let schema = #"{"type":"object","required":["a"],"properties":{"a":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}"#
        #expect(try check(schema, #"{"a":["x","y"]}"#).isEmpty)
        #expect(try check(schema, #"{}"#) == ["$: required property 'a' is missing"])
        #expect(try check(schema, #"{"a":["x",1]}"#) == ["$.a[1]: 1 is not of type string"])
        #expect(try check(schema, #"{"a":[],"b":1}"#) == ["$: additional property 'b' is not allowed"])
        let open = #"{"type":"object","properties":{"a":{}},"additionalProperties":true}"#
        #expect(try check(open, #"{"b":1}"#).isEmpty)
        #expect(try check(open, #"{"b":1}"#, strict: true) == ["$: property 'b' is not declared by the schema"])
        #expect(try check(#"{"properties":{"odd key":{"type":"string"}}}"#, #"{"odd key":1}"#) == [#"$["odd key"]: 1 is not of type string"#])
    }

    @Test func valuesAndStrings() throws {
        #expect(try check(#"{"enum":["a",null,1]}"#, "1.0").isEmpty)
        #expect(try check(#"{"enum":["a",null]}"#, #""b""#) == [#"$: "b" is not one of ["a",null]"#])
        #expect(try check(#"{"const":{"x":[1]}}"#, #"{"x":[1]}"#).isEmpty)
        #expect(try check(#"{"const":"1.0"}"#, #""1.1""#) == [#"$: "1.1" is not "1.0""#])
        #expect(try check(#"{"minimum":0,"maximum":1}"#, "-0.5") == ["$: -0.5 is less than the minimum 0"])
        #expect(try check(#"{"minimum":0,"maximum":1}"#, #""2""#).isEmpty) // numeric keywords ignore strings
        #expect(try check(#"{"minLength":2}"#, #""é""#) == [#"$: "é" is shorter than 2 characters"#])
        #expect(try check(#"{"minLength":2}"#, #""e\u0301""#).isEmpty) // two code points
        #expect(try check(#"{"pattern":"b+"}"#, #""abba""#).isEmpty) // a search, not a whole match
        #expect(try check(#"{"pattern":"^1\\.[0-9]+$"}"#, #""1.0\n""#).count == 1)
        #expect(try check(#"{"pattern":"^1\\.[0-9]+$"}"#, #""1.""#).count == 1)
        #expect(try check(#"{"pattern":"^[A-Za-z0-9+/]*={0,2}$"}"#, #""aGk=""#).isEmpty)
    }

    @Test func refs() throws {
        let schema = ##"{"$defs":{"a/b":{"type":"string"},"N":{"$ref":"#/$defs/a~1b"}},"properties":{"x":{"$ref":"#/$defs/N","description":"d"}}}"##
        #expect(try check(schema, #"{"x":"ok"}"#).isEmpty)
        #expect(try check(schema, #"{"x":2}"#) == ["$.x: 2 is not of type string"])
        #expect(try check(##"{"$ref":"#/$defs/missing"}"##, "1") == [##"$: cannot resolve $ref "#/$defs/missing""##])
    }

    @Test func unsupportedKeywordsAreReportedNotIgnored() throws {
        #expect(try check(#"{"oneOf":[{"type":"string"}]}"#, "1") == ["$: the schema uses unsupported keyword 'oneOf'"])
        #expect(try check(#"{"format":"email"}"#, #""a""#) == ["$: the schema uses unsupported format 'email'"])
        #expect(try check(#"{"additionalProperties":{"type":"string"}}"#, #"{"a":1}"#) == ["$: only a boolean additionalProperties is supported"])
    }

    @Test(arguments: [
        ("2026-11-29T09:30:00.123Z", true), ("2026-11-29T09:30:00Z", true), ("2026-11-29t09:30:00z", true),
        ("2026-11-29T09:30:00.123456789+05:30", true), ("2026-11-29T09:30:00-00:00", true),
        ("2024-02-29T00:00:00Z", true), ("2000-02-29T00:00:00Z", true), ("1900-02-29T00:00:00Z", false),
        ("2026-12-31T23:59:60Z", true), ("2026-12-31T23:59:60+01:00", false), ("2027-01-01T00:59:60+01:00", true),
        ("2026-11-29T09:30:60Z", false), ("2026-04-31T09:30:00Z", false), ("2026-00-10T09:30:00Z", false),
        ("2026-11-29T09:30:00+24:00", false), ("2026-11-29T09:30:00", false), ("2026-11-29T9:30:00Z", false),
        ("２０２６-11-29T09:30:00Z", false), ("2026-11-29T09:30:00Z ", false), ("2026-11-29T09:30:00Z\n", false),
    ])
    func dateTimes(text: String, valid: Bool) {
        #expect(SchemaValidator.isDateTime(text) == valid, "\(text)")
    }
}
