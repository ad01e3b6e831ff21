import RedactorCore
import SignpostEvents

/// Makes a resident's survey comment fit for analysts.
///
/// Case references (the answer's own and anything shaped like one) become `[REFERENCE]`;
/// then the redactor replaces names, addresses, postcodes, emails, phone numbers, dates of
/// birth and identity numbers with typed placeholders. The result is cut to
/// ``maximumCharacters``.
public enum FeedbackRedaction {
    /// The longest comment analysts receive, in characters, after redaction.
    public static let maximumCharacters = 2000
    /// What a case reference in a comment becomes.
    public static let referencePlaceholder = "[REFERENCE]"

    /// A redacted comment and the types of personal data removed from it.
    public struct Cleaned: Sendable, Hashable {
        /// The comment with placeholders instead of personal data.
        public var text: String
        /// One entry per placeholder the redactor wrote, in order of appearance.
        public var entityTypes: [PIIType]
    }

    private static let redactor = Redactor()

    /// The comment redacted, or nil when nothing but white space is left.
    public static func redact(_ comment: String, reference: String) -> Cleaned? {
        var text = comment
        if !reference.isEmpty {
            text = text.replacing(reference, with: referencePlaceholder)
            text = text.replacing(reference.lowercased(), with: referencePlaceholder)
        }
        text = text.replacing(referenceShape, with: { _ in referencePlaceholder })
        let redaction = redactor.redact(text)
        var cleaned = redaction.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleaned.isEmpty else { return nil }
        if cleaned.count > maximumCharacters { cleaned = String(cleaned.prefix(maximumCharacters)) }
        return Cleaned(text: cleaned, entityTypes: redaction.entities.map(\.type))
    }

    /// Anything shaped like a case reference: `SP-261129-7KQ4M-2XD9A`, `WCC-261129-7KQ4M2XD9A`, in any case.
    nonisolated(unsafe) private static let referenceShape = /\b[A-Za-z]{2,4}-[0-9]{6}-[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}\b/
}
