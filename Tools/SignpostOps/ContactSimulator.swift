import Foundation
import SignpostEvents

/// A reproducible random source (SplitMix64), so a simulated run can be repeated exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One simulated contact as it goes on the contacts topic: valid or deliberately malformed.
public struct SimulatedContact: Sendable {
    public var contactId: String
    /// Nil for a malformed contact.
    public var contact: ContactReceived?
    /// For a malformed contact: what is wrong with it.
    public var defect: String?
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [(key: String, value: String)]

    public var isValid: Bool { contact != nil }

    /// A valid contact as a channel adapter publishes it: keyed by its contact id, with CloudEvents headers.
    public init(_ contact: ContactReceived) {
        let envelope = CloudEventHeaders(for: contact, id: "adapter-\(contact.contactId)", source: "signpost/simulator/\(contact.channel.rawValue)", time: contact.receivedAt, traceParent: .random())
        self.init(contactId: contact.contactId, contact: contact, defect: nil, key: Array(contact.contactId.utf8), value: EventCodec.encode(contact), headers: envelope.headers)
    }

    init(contactId: String, contact: ContactReceived?, defect: String?, key: [UInt8]?, value: [UInt8], headers: [(key: String, value: String)]) {
        self.contactId = contactId
        self.contact = contact
        self.defect = defect
        self.key = key
        self.value = value
        self.headers = headers
    }
}

/// A channel simulator: realistic phone, email, web-form and bot contacts about every
/// service, with a share of malformed ones, from a seed.
public struct ContactSimulator: Sendable {
    public var seed: UInt64
    /// The share of contacts that are malformed, 0...1.
    public var malformedShare: Double
    /// The share of residents who opt out of surveys.
    public var surveyOptOutShare: Double = 0.1
    /// The share of residents who refuse sharing with partners outside the council.
    public var refuseSharingShare: Double = 0.1
    /// The share of contacts that add a date of birth, an NHS, NI, passport or card number.
    public var extraPersonalDataShare: Double = 0.3

    public init(seed: UInt64 = 2026, malformedShare: Double = 0.05) {
        self.seed = seed
        self.malformedShare = malformedShare
    }

    /// `count` contacts, of which about `malformedShare` are malformed.
    public func contacts(count: Int, now: Date = Date()) -> [SimulatedContact] {
        var rng = SeededGenerator(seed: seed)
        var malformedSoFar = 0
        return (0..<count).map { i in
            let id = "sim-\(seed)-\(i)"
            if Double.random(in: 0..<1, using: &rng) < malformedShare {
                malformedSoFar += 1
                return malformed(id: id, ordinal: malformedSoFar - 1, now: now)
            }
            return valid(id: id, rng: &rng, now: now)
        }
    }

    /// Exactly `valid` valid contacts and `malformed` malformed ones, interleaved.
    public func contacts(valid: Int, malformed: Int, now: Date = Date()) -> [SimulatedContact] {
        var rng = SeededGenerator(seed: seed)
        var out: [SimulatedContact] = []
        let total = valid + malformed
        var malformedLeft = malformed
        for i in 0..<total {
            let id = "sim-\(seed)-\(i)"
            let remaining = total - i
            if malformedLeft > 0 && Int.random(in: 0..<remaining, using: &rng) < malformedLeft {
                out.append(self.malformed(id: id, ordinal: malformed - malformedLeft, now: now))
                malformedLeft -= 1
            } else {
                out.append(self.valid(id: id, rng: &rng, now: now))
            }
        }
        return out
    }

    func valid(id: String, rng: inout SeededGenerator, now: Date) -> SimulatedContact {
        let channel = Channel.allCases.randomElement(using: &rng)!
        let person = SimulatorData.people.randomElement(using: &rng)!
        let place = SimulatorData.places.randomElement(using: &rng)!
        let scenario = SimulatorData.scenarios.randomElement(using: &rng)!
        let phone = String(format: "07700 900%03d", Int.random(in: 0...999, using: &rng))
        let email = "\(person.first.lowercased()).\(person.last.lowercased().filter(\.isLetter))@example.net"
        let house = Int.random(in: 1...120, using: &rng)
        let street = SimulatorData.streets.randomElement(using: &rng)!
        let address = "\(house) \(street), \(place.town)"
        var issue = scenario.issue.replacingOccurrences(of: "{town}", with: place.town).replacingOccurrences(of: "{street}", with: street)
        if Double.random(in: 0..<1, using: &rng) < extraPersonalDataShare {
            issue += " " + Self.fillExtra(SimulatorData.extras.randomElement(using: &rng)!, rng: &rng)
        }
        let fullName = "\(person.first) \(person.last)"
        let text: String
        var subject: String?
        switch channel {
        case .phone:
            text = Bool.random(using: &rng)
                ? "Caller \(person.title) \(fullName) rang. \(issue) Lives at \(address) \(place.postcode). Call back on \(phone)."
                : "Agent: Council, how can I help?\nCaller: Hello, it's \(fullName) here. \(issue)\nAgent: Can I take a number?\nCaller: \(phone)."
        case .email:
            subject = scenario.subject
            text = "Subject: \(scenario.subject)\n\nDear Sir or Madam,\n\n\(issue)\n\nKind regards,\n\(fullName)\n\(address) \(place.postcode)"
        case .webform:
            text = "Name: \(fullName)\nEmail: \(email)\nPostcode: \(place.postcode)\nDetails: \(issue)"
        case .bot:
            text = "user: " + issue.lowercased().replacingOccurrences(of: ". ", with: " ") + " im in \(place.town.lowercased())"
        }
        let contact = ContactReceived(
            contactId: id, channel: channel, receivedAt: now, text: text, emailSubject: subject,
            customer: CustomerDetails(
                name: channel == .bot ? nil : fullName,
                email: channel == .email || channel == .webform ? email : nil,
                phone: channel == .phone ? phone : nil,
                address: channel == .phone || channel == .webform ? address : nil,
                postcode: place.postcode
            ),
            attachments: channel == .phone ? [AttachmentReference(kind: .callRecording, store: "call-recordings", id: "rec-\(id)", mediaType: "audio/wav", capturedAt: now)] : [],
            preferences: ContactPreferences(
                surveyOptOut: Double.random(in: 0..<1, using: &rng) < surveyOptOutShare,
                refusesSharing: Double.random(in: 0..<1, using: &rng) < refuseSharingShare
            ),
            agentId: channel == .phone ? "agent-\(Int.random(in: 1...12, using: &rng))" : nil
        )
        let envelope = CloudEventHeaders(for: contact, id: "adapter-\(id)", source: "signpost/simulator/\(channel.rawValue)", time: now, traceParent: .random())
        return SimulatedContact(contactId: id, contact: contact, defect: nil, key: Array(id.utf8), value: EventCodec.encode(contact), headers: envelope.headers)
    }

    /// An extra sentence with its personal data filled in: a written date of birth, a valid NHS
    /// number (mod 11), an NI number, a passport number or a Luhn-valid test card number.
    static func fillExtra(_ template: String, rng: inout SeededGenerator) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let day = Int.random(in: 1...28, using: &rng)
        let dob = "\(day)\(day == 1 || day == 21 ? "st" : day == 2 || day == 22 ? "nd" : day == 3 || day == 23 ? "rd" : "th") of \(months.randomElement(using: &rng)!) \(Int.random(in: 1935...2004, using: &rng))"
        var nhs = ""
        while nhs.isEmpty {
            let digits = (0..<9).map { _ in Int.random(in: 0...9, using: &rng) }
            let check = 11 - digits.enumerated().map { $1 * (10 - $0) }.reduce(0, +) % 11
            guard check != 10 else { continue }
            let all = digits + [check == 11 ? 0 : check]
            nhs = "\(all[0..<3].map(String.init).joined()) \(all[3..<6].map(String.init).joined()) \(all[6..<10].map(String.init).joined())"
        }
        let letters = Array("ABCEGHJKLMNPRSTWXYZ")
        let ni = "\(letters.randomElement(using: &rng)!)\(letters.randomElement(using: &rng)!) \(String(format: "%02d %02d %02d", Int.random(in: 0...99, using: &rng), Int.random(in: 0...99, using: &rng), Int.random(in: 0...99, using: &rng))) \(["A", "B", "C", "D"].randomElement(using: &rng)!)"
        let passport = String(format: "%09d", Int.random(in: 100_000_000...999_999_999, using: &rng))
        let card = ["4111 1111 1111 1111", "5555 5555 5555 4444", "4000 0566 5566 5556"].randomElement(using: &rng)!
        return template.replacingOccurrences(of: "{dob}", with: dob).replacingOccurrences(of: "{nhs}", with: nhs)
            .replacingOccurrences(of: "{ni}", with: ni).replacingOccurrences(of: "{passport}", with: passport)
            .replacingOccurrences(of: "{card}", with: card)
    }

    /// The kinds of malformed contact the simulator makes, one per defect.
    public static let defects = [
        "invalid JSON", "missing text", "wrong type for channel", "unknown channel", "future schema version",
        "invalid UTF-8", "control characters", "empty text", "oversized text", "missing schema_version", "not an object",
    ]

    /// The `ordinal`-th malformed contact: the defects take turns, so every kind appears.
    func malformed(id: String, ordinal: Int, now: Date) -> SimulatedContact {
        let defect = Self.defects[ordinal % Self.defects.count]
        let time = EventCodec.format(now)
        let value: [UInt8]
        switch defect {
        case "invalid JSON":
            value = Array(#"{"contact_id": "\#(id)", "channel": "email", "text": "Bin not collected"#.utf8)
        case "missing text":
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":"phone","received_at":"\#(time)"}"#.utf8)
        case "wrong type for channel":
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":42,"received_at":"\#(time)","text":"Pothole"}"#.utf8)
        case "unknown channel":
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":"fax","received_at":"\#(time)","text":"Pothole on the A38"}"#.utf8)
        case "future schema version":
            value = Array(#"{"schema_version":"9.0","contact_id":"\#(id)","channel":"bot","received_at":"\#(time)","text":"hi"}"#.utf8)
        case "invalid UTF-8":
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":"bot","received_at":"\#(time)","text":"caf"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        case "control characters":
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":"webform","received_at":"\#(time)","text":"Details: street light \u0007 out"}"#.utf8)
        case "empty text":
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":"email","received_at":"\#(time)","text":"   "}"#.utf8)
        case "oversized text":
            let big = String(repeating: "The street light is out. ", count: 1_000)
            value = Array(#"{"schema_version":"1.0","contact_id":"\#(id)","channel":"email","received_at":"\#(time)","text":"\#(big)"}"#.utf8)
        case "missing schema_version":
            value = Array(#"{"contact_id":"\#(id)","channel":"phone","received_at":"\#(time)","text":"Pothole"}"#.utf8)
        default:
            value = Array(#"["not", "an", "object"]"#.utf8)
        }
        return SimulatedContact(contactId: id, contact: nil, defect: defect, key: Array(id.utf8), value: value, headers: [])
    }
}
