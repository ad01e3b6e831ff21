import Foundation

/// The BERT-uncased WordPiece tokenizer of all-MiniLM-L6-v2. Ids match HuggingFace `tokenizers`
/// with `tokenizer.json`, truncation on and padding off.
///
/// The pipeline, in the library's order:
/// 1. Added tokens (`[CLS]`, `[SEP]`, `[UNK]`, ...) are cut out of the raw text, matched verbatim,
///    leftmost-longest; each becomes its own id and the text either side is tokenized separately.
/// 2. BertNormalizer: drop U+0000, U+FFFD and control characters (categories Cc, Cf, Co; tab,
///    newline and carriage return count as whitespace); map whitespace to a space; put spaces
///    around CJK ideographs; NFD and drop nonspacing marks (Mn); lowercase.
/// 3. BertPreTokenizer: split on whitespace; every punctuation character (ASCII punctuation or a
///    P* category) is a word of its own.
/// 4. WordPiece: greedy longest-match-first with the `##` continuing prefix; a word longer than
///    100 scalars, or one with a piece not in the vocabulary, is a single `[UNK]`.
/// 5. `[CLS]` ids `[SEP]`, truncated to `maxLength` ids in all.
///
/// The library's category tables (the `unicode_categories` crate) are Unicode 8.0: a scalar
/// counts as Cf, Co, Mn or P* only if it was assigned by Unicode 8.0 (later marks, punctuation
/// and format characters act as letters, usually making the word `[UNK]`), and six scalars whose
/// category has changed since keep their 8.0 one. Checked against the library for every scalar.
/// Added tokens are all matched in the raw text, as the `normalized: false` ones of this file are.
public struct WordPieceTokenizer: Sendable {
    private let vocabulary: [String: Int32]
    /// Added tokens as scalars, longest first, with their ids.
    private let addedTokens: [(scalars: [Unicode.Scalar], id: Int32)]
    private let unknownID: Int32
    fileprivate let classifyID: Int32
    private let separatorID: Int32
    private let continuingPrefix: String
    private let maxInputCharsPerWord: Int
    /// Longest vocabulary entry, and longest continuing one without its prefix, in scalars:
    /// bounds on the pieces worth looking up.
    private let maxFirstPieceLength: Int
    private let maxContinuingPieceLength: Int

    /// Token -> id. `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` and `[MASK]`, where present, are the added
    /// tokens; ids 100, 101 and 102 stand in for a missing `[UNK]`, `[CLS]` or `[SEP]`.
    public init(vocabulary: [String: Int32]) {
        let added = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            vocabulary[token].map { (token, $0) }
        }
        self.init(vocabulary: vocabulary, addedTokens: added, unknownToken: "[UNK]",
                  continuingPrefix: "##", maxInputCharsPerWord: 100)
    }

    /// Reads `model.vocab` of a HuggingFace tokenizer.json, with `added_tokens` and the model's
    /// `unk_token`, `continuing_subword_prefix` and `max_input_chars_per_word`. Throws
    /// `.unreadable` if the file cannot be read, `.malformed` unless it is an uncased BERT
    /// WordPiece tokenizer whose vocabulary has `[CLS]`, `[SEP]` and the unknown token.
    public init(tokenizerJSON url: URL) throws(EncoderError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            var reason = error.localizedDescription
            while reason.hasSuffix(".") { reason.removeLast() }
            throw .unreadable(path: url.path, reason: reason)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let file = try? decoder.decode(TokenizerFile.self, from: data) else {
            throw .malformed(path: url.path, reason: "not JSON with a `model.vocab` of token ids")
        }
        let model = file.model
        guard model.type == nil || model.type == "WordPiece" else {
            throw .malformed(path: url.path, reason: "model type is \(model.type ?? ""), not WordPiece")
        }
        if let normalizer = file.normalizer {
            guard normalizer.type == "BertNormalizer", normalizer.lowercase != false,
                  normalizer.cleanText != false, normalizer.handleChineseChars != false,
                  normalizer.stripAccents != false else {
                throw .malformed(path: url.path, reason: "normalizer is not an uncased BertNormalizer")
            }
        }
        if let preTokenizer = file.preTokenizer, preTokenizer.type != "BertPreTokenizer" {
            throw .malformed(path: url.path, reason: "pre_tokenizer is \(preTokenizer.type), not BertPreTokenizer")
        }
        let unknown = model.unkToken ?? "[UNK]"
        for token in ["[CLS]", "[SEP]", unknown] where model.vocab[token] == nil {
            throw .malformed(path: url.path, reason: "\(token) is not in model.vocab")
        }
        let added = file.addedTokens.map { $0.map { ($0.content, $0.id) } }
            ?? ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { t in model.vocab[t].map { (t, $0) } }
        self.init(vocabulary: model.vocab, addedTokens: added, unknownToken: unknown,
                  continuingPrefix: model.continuingSubwordPrefix ?? "##",
                  maxInputCharsPerWord: model.maxInputCharsPerWord ?? 100)
    }

    private init(vocabulary: [String: Int32], addedTokens: [(String, Int32)], unknownToken: String,
                 continuingPrefix: String, maxInputCharsPerWord: Int) {
        self.vocabulary = vocabulary
        self.addedTokens = addedTokens
            .map { (scalars: Array($0.0.unicodeScalars), id: $0.1) }
            .filter { !$0.scalars.isEmpty }
            .sorted { $0.scalars.count > $1.scalars.count }
        unknownID = vocabulary[unknownToken] ?? 100
        classifyID = vocabulary["[CLS]"] ?? 101
        separatorID = vocabulary["[SEP]"] ?? 102
        self.continuingPrefix = continuingPrefix
        self.maxInputCharsPerWord = maxInputCharsPerWord
        var first = 0, continuing = 0
        for token in vocabulary.keys {
            if !continuingPrefix.isEmpty, token.hasPrefix(continuingPrefix) {
                continuing = max(continuing, token.unicodeScalars.count - continuingPrefix.unicodeScalars.count)
            }
            first = max(first, token.unicodeScalars.count)
        }
        maxFirstPieceLength = first
        maxContinuingPieceLength = continuingPrefix.isEmpty ? first : continuing
    }

    /// Whether `ids` (from `encode`) hold a piece of the text: an id other than the added tokens
    /// (`[CLS]`, `[SEP]`, `[UNK]`, ...).
    public func containsWords(_ ids: [Int32]) -> Bool {
        ids.contains { id in id != unknownID && !addedTokens.contains { $0.id == id } }
    }

    /// [CLS] word pieces [SEP], at most `maxLength` ids (default 256); the word pieces are cut
    /// from the end. A `maxLength` below 2 is taken as 2.
    public func encode(_ text: String, maxLength: Int = 256) -> [Int32] {
        let limit = max(maxLength, 2) - 1  // ids before [SEP] is appended
        var pass = Pass(tokenizer: self, limit: limit, capacity: min(limit, text.utf8.count + 1))
        if addedTokens.isEmpty {
            for scalar in text.unicodeScalars {
                if pass.isFull { break }
                pass.feedRaw(scalar)
            }
        } else {
            let scalars = Array(text.unicodeScalars)
            var index = 0
            while index < scalars.count, !pass.isFull {
                if let match = addedToken(in: scalars, at: index) {
                    pass.finishSegment()
                    pass.appendAdded(match.id)
                    index += match.length
                } else {
                    pass.feedRaw(scalars[index])
                    index += 1
                }
            }
        }
        pass.finishSegment()
        var ids = pass.ids
        if ids.count > limit { ids.removeSubrange(limit...) }
        ids.append(separatorID)
        return ids
    }

    /// The longest added token starting at `index`, if any.
    private func addedToken(in scalars: [Unicode.Scalar], at index: Int) -> (id: Int32, length: Int)? {
        for token in addedTokens where token.scalars.count <= scalars.count - index {
            var matches = true
            for offset in 0..<token.scalars.count where scalars[index + offset] != token.scalars[offset] {
                matches = false
                break
            }
            if matches { return (token.id, token.scalars.count) }
        }
        return nil
    }

    /// Appends the WordPiece ids of one normalized, pre-tokenized word.
    fileprivate func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        if word.count > maxInputCharsPerWord {
            ids.append(unknownID)
            return
        }
        let mark = ids.count
        var start = 0
        while start < word.count {
            let longest = start == 0 ? maxFirstPieceLength : maxContinuingPieceLength
            var end = min(word.count, start + longest)
            var found: Int32?
            while end > start {
                var piece = start == 0 ? String() : continuingPrefix
                piece.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary[piece] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(mark...)
                ids.append(unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}

/// One `encode` call's state: the ids so far, the word being built, and a run of non-ASCII
/// scalars awaiting NFD (decomposition and canonical reordering never cross an ASCII scalar).
private struct Pass {
    let tokenizer: WordPieceTokenizer
    let limit: Int
    var ids: [Int32]
    var word: [Unicode.Scalar] = []
    var run: [Unicode.Scalar] = []

    init(tokenizer: WordPieceTokenizer, limit: Int, capacity: Int) {
        self.tokenizer = tokenizer
        self.limit = limit
        ids = []
        ids.reserveCapacity(capacity)
        ids.append(tokenizer.classifyID)
        word.reserveCapacity(32)
    }

    var isFull: Bool { ids.count >= limit }

    /// Clean-up and CJK spacing of one raw scalar.
    mutating func feedRaw(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x09, 0x0A, 0x0D, 0x20: feedCleaned(" ")
            case 0..<0x20, 0x7F: break
            default: feedCleaned(scalar)
            }
            return
        }
        if value == 0xFFFD { return }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control: return
        case .format, .privateUse: if isUnicode8(properties) { return }
        default: break
        }
        if properties.isWhitespace {
            feedCleaned(" ")
        } else if isCJKIdeograph(value) {
            feedCleaned(" ")
            feedCleaned(scalar)
            feedCleaned(" ")
        } else {
            feedCleaned(scalar)
        }
    }

    /// ASCII goes straight on (after any pending run); non-ASCII waits in `run` for NFD.
    private mutating func feedCleaned(_ scalar: Unicode.Scalar) {
        guard scalar.isASCII else {
            run.append(scalar)
            return
        }
        flushRun()
        let value = scalar.value
        if value == 0x20 {
            endWord()
        } else if isASCIIPunctuation(value) {
            endWord()
            word.append(scalar)
            endWord()
        } else if value >= 0x41 && value <= 0x5A {
            word.append(Unicode.Scalar(UInt8(value + 0x20)))
        } else {
            word.append(scalar)
        }
    }

    /// NFD of the pending run, minus nonspacing marks, lowercased, into words.
    private mutating func flushRun() {
        guard !run.isEmpty else { return }
        var string = String()
        string.unicodeScalars.append(contentsOf: run)
        run.removeAll(keepingCapacity: true)
        for scalar in string.decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            if isNonspacingMark(scalar, properties) { continue }
            if properties.changesWhenLowercased {
                for lower in properties.lowercaseMapping.unicodeScalars { feedNormalized(lower) }
            } else {
                feedNormalized(scalar)
            }
        }
    }

    /// Pre-tokenization of one normalized scalar.
    private mutating func feedNormalized(_ scalar: Unicode.Scalar) {
        let properties = scalar.properties
        if properties.isWhitespace {
            endWord()
        } else if isPunctuation(scalar, properties) {
            endWord()
            word.append(scalar)
            endWord()
        } else {
            word.append(scalar)
        }
    }

    private mutating func endWord() {
        guard !word.isEmpty else { return }
        if !isFull { tokenizer.appendPieces(of: word, to: &ids) }
        word.removeAll(keepingCapacity: true)
    }

    /// Ends the text before an added token, or at the end.
    mutating func finishSegment() {
        flushRun()
        endWord()
    }

    mutating func appendAdded(_ id: Int32) {
        ids.append(id)
    }
}

/// Whether the scalar was assigned by Unicode 8.0, the version of the library's category tables.
private func isUnicode8(_ properties: Unicode.Scalar.Properties) -> Bool {
    guard let age = properties.age else { return false }
    return age.major <= 8
}

/// Mn in Unicode 8.0: U+1734 and U+1171E were Mn then; U+1885, U+1886, U+A9BD and U+111C9
/// were not.
private func isNonspacingMark(_ scalar: Unicode.Scalar, _ properties: Unicode.Scalar.Properties) -> Bool {
    switch scalar.value {
    case 0x1734, 0x1171E: return true
    case 0x1885, 0x1886, 0xA9BD, 0x111C9: return false
    default: return properties.generalCategory == .nonspacingMark && isUnicode8(properties)
    }
}

/// ASCII 33–47, 58–64, 91–96, 123–126.
private func isASCIIPunctuation(_ value: UInt32) -> Bool {
    (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
        || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
}

/// BERT punctuation: ASCII punctuation, or P* in Unicode 8.0 (U+166D and U+111C9 were Po then).
private func isPunctuation(_ scalar: Unicode.Scalar, _ properties: Unicode.Scalar.Properties) -> Bool {
    if scalar.isASCII { return isASCIIPunctuation(scalar.value) }
    if scalar.value == 0x166D || scalar.value == 0x111C9 { return true }
    switch properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
         .initialPunctuation, .finalPunctuation, .otherPunctuation:
        return isUnicode8(properties)
    default:
        return false
    }
}

/// The CJK ideograph blocks BertNormalizer spaces out.
private func isCJKIdeograph(_ value: UInt32) -> Bool {
    switch value {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
         0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
        return true
    default:
        return false
    }
}

/// The parts of tokenizer.json the tokenizer reads (keys converted from snake case).
private struct TokenizerFile: Decodable {
    struct Model: Decodable {
        var type: String?
        var vocab: [String: Int32]
        var unkToken: String?
        var continuingSubwordPrefix: String?
        var maxInputCharsPerWord: Int?
    }
    struct AddedToken: Decodable {
        var id: Int32
        var content: String
    }
    struct Normalizer: Decodable {
        var type: String
        var cleanText, handleChineseChars, stripAccents, lowercase: Bool?
    }
    struct PreTokenizer: Decodable {
        var type: String
    }
    var model: Model
    var addedTokens: [AddedToken]?
    var normalizer: Normalizer?
    var preTokenizer: PreTokenizer?
}
