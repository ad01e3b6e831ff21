import Foundation
import SignpostEvents

/// One readable line per event, for `signpost tail`.
public enum EventFormatter {
    public static func line(for record: InboundRecord, json: Bool) -> String {
        let position = "\(record.topic)[\(record.partition)]@\(record.offset)"
        if json {
            return "\(position) \(String(decoding: record.value, as: UTF8.self))"
        }
        do throws(EventRejection) {
            switch record.eventTypeName {
            case ContactReceived.typeName:
                let e = try record.decode(ContactReceived.self)
                return "\(position) ContactReceived \(e.contactId) \(e.channel.rawValue) \(e.text.unicodeScalars.count) chars, \(e.attachments.count) attachments"
            case EnquiryLogged.typeName:
                let e = try record.decode(EnquiryLogged.self)
                return "\(position) EnquiryLogged \(e.reference) from \(e.channel.rawValue), contact \(e.sealedContact == nil ? "in clear" : "sealed")"
            case EnquiryClassified.typeName:
                let e = try record.decode(EnquiryClassified.self)
                return "\(position) EnquiryClassified \(e.reference) \(describe(e.classification))"
            case EnquiryRedacted.typeName:
                let e = try record.decode(EnquiryRedacted.self)
                return "\(position) EnquiryRedacted \(e.reference) \(e.entities.count) entities: \(e.redactedText.prefix(100).replacingOccurrences(of: "\n", with: " ⏎ "))"
            case ReferralIssued.typeName:
                let e = try record.decode(ReferralIssued.self)
                let why = e.triageReason.map { " (triage: \($0))" } ?? ""
                return "\(position) ReferralIssued \(e.reference) → \(e.recipient) \(e.priority.rawValue) \(e.lawfulBasis.rawValue)\(why): \(e.redactedText.prefix(80).replacingOccurrences(of: "\n", with: " ⏎ "))"
            case EnquiryStatusChanged.typeName:
                let e = try record.decode(EnquiryStatusChanged.self)
                return "\(position) Status \(e.reference) \(e.status.rawValue) by \(e.by)\(e.detail.map { " (\($0))" } ?? "")"
            case SurveyInvited.typeName:
                let e = try record.decode(SurveyInvited.self)
                return "\(position) SurveyInvited \(e.reference) via \(e.channel.rawValue) until \(EventCodec.format(e.expiresAt))"
            case SurveyResponded.typeName:
                let e = try record.decode(SurveyResponded.self)
                return "\(position) SurveyResponded \(e.reference) score \(e.score)"
            case PerformanceEvent.typeName:
                let e = try record.decode(PerformanceEvent.self)
                let parts = [e.channel?.rawValue, e.kind?.rawValue, e.service?.rawValue, e.recipient, e.elapsedMilliseconds.map { "\($0) ms" }, e.score.map { "score \($0)" }, e.reason?.rawValue]
                return "\(position) Performance \(e.stage.rawValue) \(e.recordedBy) \(parts.compactMap { $0 }.joined(separator: " "))"
            case DeadLetter.typeName:
                let e = try record.decode(DeadLetter.self)
                return "\(position) DeadLetter from \(e.sourceTopic)[\(e.sourcePartition)]@\(e.sourceOffset) by \(e.rejectedBy): \(e.reason.rawValue): \(e.detail)"
            default:
                return "\(position) (no event type) \(record.value.count) bytes"
            }
        } catch {
            return "\(position) undecodable: \(error)"
        }
    }

    static func describe(_ c: Classification) -> String {
        var s = "\(c.kind.rawValue) / \(c.service.rawValue)"
        if let d = c.district { s += " / \(d.rawValue)" }
        if !c.specialCategories.isEmpty { s += " special=\(c.specialCategories.map(\.rawValue).joined(separator: ","))" }
        return s + " conf=\(String(format: "%.2f", c.confidence))"
    }
}

/// The demo's closing table.
public enum DemoReport {
    public static func table(_ outcome: PipelineOutcome) -> String {
        let t = outcome.tally
        var rows: [(String, String)] = [
            ("contacts published", "\(outcome.contacts.count) (\(outcome.validCount) valid, \(outcome.malformedCount) malformed)"),
            ("referred to a service", "\(t.referred)"),
            ("sent to triage", "\(t.triaged)"),
            ("dead-lettered", "\(t.deadLetters)"),
            ("survey invitations", "\(t.surveyInvitations)"),
            ("survey answers (sent / processed)", "\(outcome.answersSent) / \(t.surveyAnswersProcessed)"),
            ("mean survey score", t.scores.isEmpty ? "-" : String(format: "%.2f", Double(t.scores.reduce(0, +)) / Double(t.scores.count))),
            ("sharing audit records", "\(outcome.audit.records.count)"),
            ("entity types shared / withheld", "\(outcome.audit.records.map(\.sharedEntityTypes.count).reduce(0, +)) / \(outcome.audit.records.map(\.withheldEntityTypes.count).reduce(0, +))"),
            ("partner asked to seek consent", "\(outcome.audit.records.filter(\.seekConsent).count)"),
            ("refusal overridden (safeguarding)", "\(outcome.audit.records.filter(\.refusalOverridden).count)"),
            ("acknowledgements", "\(t.acknowledgementsByReference.values.reduce(0, +))"),
            ("status events", "\(t.statusEvents)"),
            ("performance events", "\(t.performanceValues.count)"),
            ("elapsed", "\(outcome.elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))"),
            ("all accounted for", outcome.complete ? "yes" : "NO"),
        ]
        let exits = outcome.exitStatuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.map(String.init) ?? "killed")" }
        rows.append(("service exit codes", exits.joined(separator: " ")))
        if !outcome.earlyExits.isEmpty {
            rows.append(("exited early", outcome.earlyExits.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        }
        let recipients = t.referralsByRecipient.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        var out = "Signpost demo\n" + rows.map { "  \($0.0.padding(toLength: 36, withPad: " ", startingAt: 0)) \($0.1)" }.joined(separator: "\n")
        out += "\n\n  referrals by recipient\n"
        out += recipients.map { "    \($0.key.padding(toLength: 34, withPad: " ", startingAt: 0)) \($0.value)" }.joined(separator: "\n")
        let reasons = Dictionary(t.deadLetterReasonsByKey.values.flatMap { $0 }.map { ($0.rawValue, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
        out += "\n\n  dead letters by reason\n"
        out += reasons.map { "    \($0.key.padding(toLength: 34, withPad: " ", startingAt: 0)) \($0.value)" }.joined(separator: "\n")
        return out + "\n"
    }
}
