import Foundation
@testable import SignpostEvents
import Testing

/// `EventCodec` writes with its own encoder and reads dates and trace parents by hand; these
/// hold it to what Foundation did before, byte for byte and bit for bit.
@Suite("Fast codec") struct FastCodecTests {
    @Test(arguments: SchemaSamples.all)
    func encoderWritesExactlyWhatFoundationWrites(_ sample: SchemaSample) {
        #expect(sample.encoded == sample.foundationEncoded,
                "\(sample):\n\(String(decoding: sample.encoded, as: UTF8.self))\nFoundation:\n\(String(decoding: sample.foundationEncoded, as: UTF8.self))")
    }

    @Test func stringsAreEscapedAsFoundationEscapesThem() throws {
        let text = "quote \" backslash \\ slash / controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F} del \u{7F} é 😀 \u{2028}"
        let event = EnquiryStatusChanged(reference: text, status: .logged, by: "intake", detail: text, at: Date(timeIntervalSince1970: 1))
        #expect(EventCodec.encode(event) == EventCodec.foundationEncode(event))
    }

    @Test func numbersAreWrittenAsFoundationWritesThem() {
        for confidence in [0.0, 1.0, 0.1, 0.95, 1.0 / 3.0, 1e-7, 123_456_789.125, 3e15, 1.5e16, -0.0] {
            let event = PerformanceEvent(eventId: "e", stage: .classified, recordedBy: "classifier", enquiry: "x", confidence: confidence,
                                         elapsedMilliseconds: Int.max, score: Int.min, occurredAt: Date(timeIntervalSince1970: 0))
            #expect(EventCodec.encode(event) == EventCodec.foundationEncode(event), "\(confidence)")
        }
    }

    @Test func keysAreConvertedAsFoundationConvertsThem() {
        // Foundation's own answers (its algorithm splits runs of capitals in its own way).
        #expect(SnakeCaseKeys.convert("contactId") == "contact_id")
        #expect(SnakeCaseKeys.convert("myURLProperty") == "my_url_property")
        #expect(SnakeCaseKeys.convert("aB2c") == "a_b_2c")
        #expect(CamelCaseKeys.key(for: PlainKey("special_category_present")).stringValue == "specialCategoryPresent")
        #expect(CamelCaseKeys.key(for: PlainKey("_x_y_")).stringValue == "_xY_")
        #expect(CamelCaseKeys.key(for: PlainKey("alreadyCamel")).stringValue == "alreadyCamel")
    }

    @Test func datesFormatAsBeforeAndParseToTheSameBits() throws {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let whole = Date.ISO8601FormatStyle()
        var rng = SystemRandomNumberGenerator()
        for i in 0..<20_000 {
            // Whole milliseconds from 1902 to 2096, every millisecond value, and a few between.
            let milliseconds = Int64.random(in: -2_145_916_800_000...3_992_745_600_000, using: &rng) / 1000 * 1000 + Int64(i % 1000)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000 + (i % 7 == 0 ? 0.0004 : 0))
            let text = EventCodec.format(date)
            // The format before: ISO8601FormatStyle for the whole seconds, then the milliseconds.
            let (seconds, remainder) = Int64((date.timeIntervalSince1970 * 1000).rounded()).quotientAndRemainder(dividingBy: 1000)
            let wholeSeconds = remainder < 0 ? seconds - 1 : seconds
            let before = "\(Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(whole).dropLast()).\(String(format: "%03d", remainder < 0 ? remainder + 1000 : remainder))Z"
            #expect(text == before)
            #expect(EventCodec.parseDate(text) == (try fractional.parse(text)), "\(text)")
            let short = String(text.prefix(19)) + "Z"
            #expect(EventCodec.parseDate(short) == (try whole.parse(short)), "\(short)")
        }
        // What the hand-written reader leaves to ISO8601FormatStyle, which decides as before.
        for text in ["2026-11-29T10:02:17+01:00", "2026-11-29T10:02:17.5Z", "2026-02-30T10:02:17Z", "2026-11-29T24:00:00Z", "2026-11-29T10:02:17.123456Z"] {
            #expect(EventCodec.parseDate(text) == ((try? fractional.parse(text)) ?? (try? whole.parse(text))), "\(text)")
        }
        for text in ["2026-11-29", "2026-11-29t10:02:17z", "2026-11-29T10:02:17.Z", " 2026-11-29T10:02:17Z", ""] {
            #expect(EventCodec.parseDate(text) == nil, "\(text)")
        }
    }

    @Test func traceParentsParseAsBefore() {
        #expect(TraceParent("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01")?.description == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        #expect(TraceParent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")?.sampled == false)
        #expect(TraceParent("00-00000000000000000000000000000000-b7ad6b7169203331-01") == nil)
        #expect(TraceParent("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01") == nil)
        #expect(TraceParent("00-0af7651916cd43dd8448eb211c80319g-b7ad6b7169203331-01") == nil)
        #expect(TraceParent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") == nil)
        let random = TraceParent.random()
        #expect(TraceParent(random.description) == random)
        #expect(random.child().traceID == random.traceID && random.child().spanID != random.spanID)
    }
}
