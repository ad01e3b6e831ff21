import Testing
@testable import SignpostEvents

@Test func placeholderBuild() { #expect(EventTypes.all.count == 10) }
