import Crypto
import Foundation
import GRDB
import SignpostEvents
import Testing
@testable import SignpostSealing

/// A fresh folder per test, removed at the end.
struct TemporaryFolder: ~Copyable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-sealing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var keyStorePath: String { url.appendingPathComponent("keys.sqlite").path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

let reference = "SP-261129-7KQ4M-2XD9A"
let subject = DataSubject.id(email: "priya.shah@example.org", phone: nil, key: SymmetricKey(data: Data("test-pseudonym-key".utf8)))!
let values = [
    PlaintextValue(placeholder: "[PERSON_1]", type: .person, value: "Priya Shah"),
    PlaintextValue(placeholder: "[PHONE_1]", type: .phone, value: "07700 900461"),
    PlaintextValue(placeholder: "[EMAIL_1]", type: .email, value: "priya.shah@example.org"),
]

func expectSealingError(_ expected: SealingError, _ body: () throws(SealingError) -> Void) {
    do {
        try body()
        Issue.record("expected \(expected), got no error")
    } catch {
        #expect(error == expected)
    }
}

@Suite("Sealing")
struct SealingTests {
    @Test func sealedValuesRoundTripThroughTheEventCodec() throws {
        let store = InMemoryKeyStore()
        let sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        #expect(sealed.algorithm == "AES-256-GCM")
        #expect(sealed.values.map(\.placeholder) == ["[PERSON_1]", "[PHONE_1]", "[EMAIL_1]"])

        let json = try EventCodec.makeEncoder().encode(sealed)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"key_id\""))
        #expect(text.contains("\"type\":\"PHONE\""))
        let decoded = try EventCodec.makeDecoder().decode(SealedValues.self, from: json)
        #expect(decoded == sealed)

        let opened = try Unsealer(keyStore: store).unseal(decoded, reference: reference, allowedTypes: Set(PIIType.allCases))
        #expect(opened == ["[PERSON_1]": "Priya Shah", "[PHONE_1]": "07700 900461", "[EMAIL_1]": "priya.shah@example.org"])
    }

    @Test func onlyAllowedTypesAreUnsealed() throws {
        let store = InMemoryKeyStore()
        let sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        let unsealer = Unsealer(keyStore: store)
        #expect(try unsealer.unseal(sealed, reference: reference, allowedTypes: [.phone]) == ["[PHONE_1]": "07700 900461"])
        #expect(try unsealer.unseal(sealed, reference: reference, allowedTypes: [.nhsNumber]) == [:])
    }

    @Test func tamperedCiphertextIsRejected() throws {
        let store = InMemoryKeyStore()
        var sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        var bytes = Data(base64Encoded: sealed.values[1].ciphertext)!
        bytes[bytes.count / 2] ^= 0x01
        sealed.values[1].ciphertext = bytes.base64EncodedString()
        let tampered = sealed
        expectSealingError(.tampered(reference: reference, placeholder: "[PHONE_1]")) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(tampered, reference: reference, allowedTypes: [.phone])
        }
    }

    @Test func valueMovedToAnotherEnquiryIsRejected() throws {
        let store = InMemoryKeyStore()
        let sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        let other = "SP-261130-AAAAA-BBBBB"
        expectSealingError(.tampered(reference: other, placeholder: "[PERSON_1]")) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(sealed, reference: other, allowedTypes: [.person])
        }
    }

    @Test func valueMovedToAnotherPlaceholderOrTypeIsRejected() throws {
        let store = InMemoryKeyStore()
        var sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        let phone = sealed.values[1]
        sealed.values[0].ciphertext = phone.ciphertext  // the phone's ciphertext under [PERSON_1]
        let moved = sealed
        expectSealingError(.tampered(reference: reference, placeholder: "[PERSON_1]")) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(moved, reference: reference, allowedTypes: [.person])
        }
        var retyped = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        retyped.values[1].type = .person  // same placeholder, type changed to slip past a filter
        let relabelled = retyped
        expectSealingError(.tampered(reference: reference, placeholder: "[PHONE_1]")) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(relabelled, reference: reference, allowedTypes: [.person])
        }
    }

    @Test func conflictingValuesForOnePlaceholderAreRefused() {
        let store = InMemoryKeyStore()
        let input = [values[0], PlaintextValue(placeholder: "[PERSON_1]", type: .person, value: "Someone Else")]
        expectSealingError(.conflictingPlaceholder("[PERSON_1]")) { () throws(SealingError) in
            _ = try Sealer(keyStore: store).seal(input, reference: reference, subject: subject)
        }
    }

    @Test func unknownAlgorithmIsRefused() throws {
        let store = InMemoryKeyStore()
        var sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        sealed.algorithm = "ROT13"
        let unknown = sealed
        expectSealingError(.unsupportedAlgorithm("ROT13")) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(unknown, reference: reference, allowedTypes: [.person])
        }
    }

    @Test func keyMissingWithoutErasureSaysToCheckTheKeyStorePath() throws {
        let sealed = try Sealer(keyStore: InMemoryKeyStore()).seal(values, reference: reference, subject: subject)
        expectSealingError(.keyNotFound(subject: subject, keyId: sealed.keyId)) { () throws(SealingError) in
            _ = try Unsealer(keyStore: InMemoryKeyStore()).unseal(sealed, reference: reference, allowedTypes: [.person])
        }
        #expect(SealingError.keyNotFound(subject: subject, keyId: sealed.keyId).description.contains("SIGNPOST_KEYSTORE"))
    }
}

@Suite("Crypto-shredding")
struct CryptoShreddingTests {
    /// True when `needle` occurs in `haystack`.
    static func contains(_ haystack: Data, _ needle: Data) -> Bool {
        haystack.range(of: needle) != nil
    }

    static func diskBytes(_ path: String) -> Data {
        var all = Data()
        for file in [path, path + "-wal", path + "-journal"] {
            if let data = FileManager.default.contents(atPath: file) { all.append(data) }
        }
        return all
    }

    @Test func erasingTheKeyMakesStoredEventsUnreadableAndLeavesNoKeyOrValueOnDisk() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: .random())
        let sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        // As if on a topic: the serialised event bytes outlive the key.
        let onTopic = try EventCodec.makeEncoder().encode(sealed)
        for value in values {
            #expect(!Self.contains(onTopic, Data(value.value.utf8)), "plaintext \(value.value) in the event")
        }
        let dataKey = try #require(try store.key(for: subject))
        let rawKey = dataKey.key.withUnsafeBytes { Data($0) }
        let wrapped = try DatabaseQueue(path: folder.keyStorePath).read { db in
            try Data.fetchOne(db, sql: "SELECT wrapped_key FROM data_key WHERE subject = ?", arguments: [subject])
        }
        let wrappedKey = try #require(wrapped)
        #expect(Self.contains(Self.diskBytes(folder.keyStorePath), wrappedKey), "the wrapped key is on disk before erasure")

        #expect(try store.erase(subject: subject))
        #expect(try store.key(for: subject) == nil)
        #expect(try !store.hasKey(for: subject))
        #expect(try store.erasedAt(subject: subject) != nil)

        let fromTopic = try EventCodec.makeDecoder().decode(SealedValues.self, from: onTopic)
        expectSealingError(.erased(subject: subject, keyId: sealed.keyId)) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(fromTopic, reference: reference, allowedTypes: Set(PIIType.allCases))
        }

        let disk = Self.diskBytes(folder.keyStorePath)
        #expect(!disk.isEmpty)
        for value in values {
            #expect(!Self.contains(disk, Data(value.value.utf8)), "plaintext \(value.value) on disk")
        }
        #expect(!Self.contains(disk, rawKey), "the raw data key is on disk")
        #expect(!Self.contains(disk, wrappedKey), "the wrapped data key is still on disk after erasure")
        #expect(!Self.contains(disk, Data(sealed.keyId.utf8)), "the erased key id is still on disk")
    }

    @Test func aKeyCreatedAfterErasureIsNewAndCannotOpenOldValues() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: .random())
        let old = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        try store.erase(subject: subject)

        let newer = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        #expect(newer.keyId != old.keyId)
        #expect(try store.key(for: subject)?.keyId == newer.keyId)
        expectSealingError(.erased(subject: subject, keyId: old.keyId)) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(old, reference: reference, allowedTypes: [.person])
        }
        // Even with the old key id relabelled as the new one, the new key does not open old values.
        var relabelled = old
        relabelled.keyId = newer.keyId
        let forged = relabelled
        expectSealingError(.tampered(reference: reference, placeholder: "[PERSON_1]")) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(forged, reference: reference, allowedTypes: [.person])
        }
        #expect(try Unsealer(keyStore: store).unseal(newer, reference: reference, allowedTypes: [.person]) == ["[PERSON_1]": "Priya Shah"])
    }

    @Test func inMemoryStoreShredsToo() throws {
        let store = InMemoryKeyStore()
        let sealed = try Sealer(keyStore: store).seal(values, reference: reference, subject: subject)
        #expect(try store.subjects() == [subject])
        try store.erase(subject: subject)
        #expect(try store.subjects() == [])
        expectSealingError(.erased(subject: subject, keyId: sealed.keyId)) { () throws(SealingError) in
            _ = try Unsealer(keyStore: store).unseal(sealed, reference: reference, allowedTypes: [.person])
        }
        #expect(try store.keyCreatingIfNeeded(for: subject).keyId != sealed.keyId)
    }
}

@Suite("SQLite key store")
struct SQLiteKeyStoreTests {
    @Test func keysPersistAcrossReopen() throws {
        let folder = try TemporaryFolder()
        let master = MasterKey.random()
        let sealed = try Sealer(keyStore: try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master))
            .seal(values, reference: reference, subject: subject)
        let reopened = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master)
        #expect(try reopened.subjects() == [subject])
        #expect(try Unsealer(keyStore: reopened).unseal(sealed, reference: reference, allowedTypes: [.email]) == ["[EMAIL_1]": "priya.shah@example.org"])
    }

    @Test func twoStoresOnOneFileSeeEachOthersKeys() throws {
        let folder = try TemporaryFolder()
        let master = MasterKey.random()
        let redactorSide = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master)
        let referralSide = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master)
        let created = try redactorSide.keyCreatingIfNeeded(for: subject)
        let seen = try #require(try referralSide.key(for: subject))
        #expect(seen.keyId == created.keyId)
        #expect(seen.key == created.key)
        #expect(try referralSide.keyCreatingIfNeeded(for: subject).keyId == created.keyId)
        #expect(try referralSide.hasKey(for: subject))

        try referralSide.erase(subject: subject)
        #expect(try redactorSide.key(for: subject) == nil)
        #expect(try redactorSide.erasedAt(subject: subject) != nil)
    }

    @Test func concurrentGetOrCreateGivesOneKey() async throws {
        let folder = try TemporaryFolder()
        let master = MasterKey.random()
        let stores = try (0..<4).map { _ in try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master) }
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                let store = stores[index % stores.count]
                group.addTask { try store.keyCreatingIfNeeded(for: subject).keyId }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
    }

    @Test func servicesOpeningANewStoreAtTheSameMomentAllSucceed() async throws {
        let folder = try TemporaryFolder()
        let master = MasterKey.random()
        let path = folder.keyStorePath
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? SQLiteKeyStore(path: path, masterKey: master)) != nil }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(opened == 8)
    }

    @Test func wrongMasterKeyIsATypedErrorAtOpen() throws {
        let folder = try TemporaryFolder()
        _ = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: .random()).keyCreatingIfNeeded(for: subject)
        let path = folder.keyStorePath
        expectSealingError(.wrongMasterKey(path: path)) { () throws(SealingError) in
            _ = try SQLiteKeyStore(path: path, masterKey: .random())
        }
        #expect(SealingError.wrongMasterKey(path: path).description.contains("SIGNPOST_MASTER_KEY"))
    }

    @Test func aKeyWrappedForAnotherSubjectIsRefused() throws {
        let folder = try TemporaryFolder()
        let master = MasterKey.random()
        let store = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master)
        _ = try store.keyCreatingIfNeeded(for: "alice")
        _ = try store.keyCreatingIfNeeded(for: "bob")
        // Swap the wrapped keys: the subject id is the associated data, so neither unwraps.
        try DatabaseQueue(path: folder.keyStorePath).write { db in
            let alice = try Data.fetchOne(db, sql: "SELECT wrapped_key FROM data_key WHERE subject = 'alice'")!
            try db.execute(sql: "UPDATE data_key SET wrapped_key = ? WHERE subject = 'bob'", arguments: [alice])
        }
        expectSealingError(.corruptKey(subject: "bob")) { () throws(SealingError) in
            _ = try store.key(for: "bob")
        }
    }
}

@Suite("Configuration")
struct SealingConfigurationTests {
    @Test func developmentKeyWhenNoMasterKeyIsSet() throws {
        let config = try SealingConfiguration(environment: [:])
        #expect(config.usesDevelopmentMasterKey)
        #expect(config.keyStorePath.hasSuffix(".signpost/keys.sqlite"))
        #expect(try SealingConfiguration(environment: ["SIGNPOST_MASTER_KEY": ""]).usesDevelopmentMasterKey)
    }

    @Test func masterKeyAndPathsFromTheEnvironment() throws {
        let bytes = Data((0..<32).map { UInt8($0) })
        let config = try SealingConfiguration(environment: [
            "SIGNPOST_MASTER_KEY": bytes.base64EncodedString(), "SIGNPOST_KEYSTORE": "/var/lib/signpost/k.sqlite",
        ])
        #expect(!config.usesDevelopmentMasterKey)
        #expect(config.masterKey.symmetricKey == SymmetricKey(data: bytes))
        #expect(config.keyStorePath == "/var/lib/signpost/k.sqlite")
        #expect(try SealingConfiguration(environment: ["SIGNPOST_STATE_DIR": "/tmp/state"]).keyStorePath == "/tmp/state/keys.sqlite")
    }

    @Test func aMalformedMasterKeyIsRefusedNotReplaced() {
        expectSealingError(.invalidMasterKey("16 bytes instead of 32")) { () throws(SealingError) in
            _ = try SealingConfiguration(environment: ["SIGNPOST_MASTER_KEY": Data(count: 16).base64EncodedString()])
        }
        expectSealingError(.invalidMasterKey("not base64")) { () throws(SealingError) in
            _ = try SealingConfiguration(environment: ["SIGNPOST_MASTER_KEY": "not a key!"])
        }
    }
}

@Suite("Subject ids")
struct DataSubjectTests {
    let key = SymmetricKey(data: Data("test-pseudonym-key".utf8))

    @Test func emailIsTrimmedAndLowercased() {
        #expect(DataSubject.normalisedEmail("  Priya.Shah@Example.ORG \n") == "priya.shah@example.org")
        #expect(DataSubject.id(email: " PRIYA.SHAH@example.org", phone: nil, key: key) == DataSubject.id(email: "priya.shah@example.org", phone: nil, key: key))
        #expect(DataSubject.normalisedEmail("no-at-sign") == nil)
        #expect(DataSubject.normalisedEmail("a b@example.org") == nil)
        #expect(DataSubject.normalisedEmail("@example.org") == nil)
    }

    @Test(arguments: ["07700 900123", "+44 7700 900123", "0044 7700 900123", "+44 (0)7700 900123", "+44(0)7700-900-123", "447700900123", "(07700) 900123"])
    func ukPhoneFormsNormaliseToOneNumber(_ phone: String) {
        #expect(DataSubject.normalisedPhone(phone) == "447700900123")
        #expect(DataSubject.id(email: nil, phone: phone, key: key) == DataSubject.id(email: nil, phone: "07700900123", key: key))
    }

    @Test(arguments: ["", "12345", "+33 6 12 34 56 78", "07700 9001234567", "call 07700 900123", "0 0770 0900123"])
    func unusablePhonesAreRefused(_ phone: String) {
        #expect(DataSubject.normalisedPhone(phone) == nil)
    }

    @Test func idIsKeyedHexAndNilWhenNothingIsUsable() {
        let id = DataSubject.id(email: "priya.shah@example.org", phone: "07700 900123", key: key)
        #expect(id?.count == 64)
        #expect(id?.allSatisfy(\.isHexDigit) == true)
        #expect(id == DataSubject.id(email: "priya.shah@example.org", phone: nil, key: key), "the email wins")
        #expect(id != DataSubject.id(email: "priya.shah@example.org", phone: nil, key: SymmetricKey(data: Data("other".utf8))))
        #expect(DataSubject.id(email: "not an email", phone: "07700 900123", key: key) == DataSubject.id(email: nil, phone: "07700 900123", key: key))
        #expect(DataSubject.id(email: "nonsense", phone: "12", key: key) == nil)
        #expect(DataSubject.id(email: nil, phone: nil, key: key) == nil)
    }

    @Test(arguments: [
        ("Mrs Joan O'Brien-Hale", "wr10 1ab"), ("joan obrien hale", "WR101AB"), ("  JOAN  O’BRIEN HALE ", " WR10  1AB"),
        ("Dr. Joan O'Brien Hale", "Wr10 1aB"), ("Joan Ó'Brien-Hale", "WR10 1AB"),
    ])
    func nameAndPostcodeFormsNormaliseToOnePerson(_ name: String, _ postcode: String) {
        #expect(DataSubject.normalisedNamePostcode(name: name, postcode: postcode) == "joan obrien hale|WR101AB")
    }

    @Test(arguments: [("Joan", "WR10 1AB"), ("Mrs Hale", "WR10 1AB"), ("Joan Hale", "WR10"), ("Joan Hale", "Pershore"), ("Joan Hale", "WR10 1A"), ("Joan Hale", "1WR0 1AB"), ("", "")])
    func aFirstNameAloneOrAPartialPostcodeIsNotAPerson(_ name: String, _ postcode: String) {
        #expect(DataSubject.normalisedNamePostcode(name: name, postcode: postcode) == nil)
    }

    @Test(arguments: ["WR10 1AB", "B60 3AA", "WR1 2EX", "EC1A 1BB", "W1A 0AX", "DY11 7DZ"])
    func fullUKPostcodesAreUsable(_ postcode: String) {
        #expect(DataSubject.normalisedPostcode(postcode) == postcode.replacingOccurrences(of: " ", with: ""))
    }

    @Test func nameWithPostcodeNamesTheSubjectOnlyWithoutEmailOrPhone() {
        let byName = DataSubject.id(PersonIdentifiers(name: "Joan Hale", postcode: "WR10 1AB"), key: key)
        #expect(byName?.count == 64)
        #expect(byName != DataSubject.id(PersonIdentifiers(name: "Joan Hale", postcode: "WR10 1AC"), key: key))
        let withPhone = CustomerDetails(name: "Joan Hale", phone: "07700 900123", postcode: "WR10 1AB")
        #expect(DataSubject.id(of: withPhone, reference: "SP-1", key: key) == DataSubject.id(email: nil, phone: "07700 900123", key: key))
        let nameOnly = CustomerDetails(name: "Mrs Joan Hale", postcode: "wr101ab")
        #expect(DataSubject.id(of: nameOnly, reference: "SP-1", key: key) == byName)
        #expect(DataSubject.id(of: nameOnly, reference: "SP-1", key: key) == DataSubject.id(of: nameOnly, reference: "SP-2", key: key), "one subject across enquiries")
        #expect(DataSubject.id(of: CustomerDetails(name: "Joan"), reference: "SP-1", key: key) != DataSubject.id(of: CustomerDetails(name: "Joan"), reference: "SP-2", key: key), "no usable identifier: the enquiry is its own subject")
    }

    @Test func handlesHoldOneKeyedHashPerUsableIdentifierInOrderOfPrecedence() {
        let customer = CustomerDetails(name: "Joan Hale", email: "joan@example.net", phone: "07700 900123", postcode: "WR10 1AB")
        let handles = DataSubject.handles(of: customer, key: key)
        #expect(handles == [
            DataSubject.id(email: "joan@example.net", phone: nil, key: key)!,
            DataSubject.id(email: nil, phone: "07700 900123", key: key)!,
            DataSubject.id(PersonIdentifiers(name: "Joan Hale", postcode: "WR10 1AB"), key: key)!,
        ])
        #expect(handles.first == DataSubject.id(of: customer, reference: "SP-1", key: key), "the first handle is the subject")
        #expect(DataSubject.handles(of: CustomerDetails(name: "Joan", email: "bad"), key: key).isEmpty)
        #expect(DataSubject.handles(of: nil, key: key).isEmpty)
    }
}
