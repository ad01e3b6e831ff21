import Foundation
import Testing
@testable import SignpostSealing

@Suite("SQLite key store look-ups")
struct KeyStoreLookupTests {
    @Test func lookupsRightAfterAnotherProcessesErasureNeverSeeTheErasedKey() async throws {
        let folder = try TemporaryFolder()
        let master = MasterKey.random()
        let service = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master)
        let rightsTool = try SQLiteKeyStore(path: folder.keyStorePath, masterKey: master)
        for index in 0..<40 {
            let subject = "subject-\(index)"
            let created = try service.keyCreatingIfNeeded(for: subject)
            // Warm every reader connection of the service's pool, from several threads at once.
            let seen = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<8 { group.addTask { try service.key(for: subject)?.keyId } }
                return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
            }
            #expect(seen == [created.keyId])

            #expect(try rightsTool.erase(subject: subject))
            let afterErasure = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try service.key(for: subject) == nil && service.erasedAt(subject: subject) != nil && !service.hasKey(for: subject) } }
                return try await group.reduce(true) { $0 && $1 }
            }
            #expect(afterErasure, "a look-up after the erasure still found the key of \(subject)")

            let recreated = try rightsTool.keyCreatingIfNeeded(for: subject)
            #expect(recreated.keyId != created.keyId)
            #expect(try service.key(for: subject)?.keyId == recreated.keyId)
            #expect(try service.keyCreatingIfNeeded(for: subject).keyId == recreated.keyId)
        }
    }

    @Test func keyIdsAre32LowercaseHexDigitsAndNeverRepeat() {
        let ids = (0..<2_000).map { _ in DataKey.generate(subject: "s").keyId }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }
}
